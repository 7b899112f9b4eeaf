using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using Catalog.Application.Common.Observability;
using Catalog.WebApi.Caching;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.WebApi.Observability;

/// <summary>
/// The output cache's store with a span per operation (<c>output_cache get|set|evict</c>) and the look-ups counted by
/// result. Keeps the buffer interface of the store it wraps, which the output-cache middleware prefers when present.
/// </summary>
internal sealed class TelemetryOutputCacheStore(IOutputCacheStore inner) : IOutputCacheBufferStore
{
    public static void Decorate(IServiceCollection services)
    {
        if (OutputCacheStores.TakeRegistered(services) is { } original)
        {
            services.AddSingleton<IOutputCacheStore>(provider => new TelemetryOutputCacheStore(original(provider)));
        }
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        using var activity = CatalogTelemetry.Source.StartActivity("output_cache get");
        var value = await inner.GetAsync(key, cancellationToken);
        Looked(activity, value is not null);
        return value;
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        using var activity = CatalogTelemetry.Source.StartActivity("output_cache get");
        var hit = await OutputCacheStores.TryGetAsync(inner, key, destination, cancellationToken);
        Looked(activity, hit);
        return hit;
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        using var activity = CatalogTelemetry.Source.StartActivity("output_cache set");
        await inner.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        using var activity = CatalogTelemetry.Source.StartActivity("output_cache set");
        await OutputCacheStores.SetAsync(inner, key, value, tags, validFor, cancellationToken);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        using var activity = CatalogTelemetry.Source.StartActivity("output_cache evict");
        activity?.SetTag("catalog.output_cache.tag", tag);
        await inner.EvictByTagAsync(tag, cancellationToken);
    }

    private static void Looked(Activity? activity, bool hit)
    {
        activity?.SetTag("catalog.output_cache.result", hit ? "hit" : "miss");
        CatalogTelemetry.OutputCacheLookup(hit);
    }
}
