using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.WebApi.Caching;

/// <summary>
/// What the wrappers of an output-cache store share: taking the registered store out of the container to wrap it, and
/// using its buffer interface, which the output-cache middleware prefers, when it has one.
/// </summary>
internal static class OutputCacheStores
{
    /// <summary>Removes the last registered store and returns a factory that builds it as registered.</summary>
    public static Func<IServiceProvider, IOutputCacheStore>? TakeRegistered(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IOutputCacheStore));
        if (original is null)
        {
            return null;
        }

        services.Remove(original);
        return provider => original switch
        {
            { ImplementationInstance: IOutputCacheStore instance } => instance,
            { ImplementationFactory: { } factory } => (IOutputCacheStore)factory(provider),
            _ => (IOutputCacheStore)ActivatorUtilities.CreateInstance(provider, original.ImplementationType!),
        };
    }

    public static async ValueTask<bool> TryGetAsync(IOutputCacheStore store, string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (store is IOutputCacheBufferStore buffered)
        {
            return await buffered.TryGetAsync(key, destination, cancellationToken);
        }

        if (await store.GetAsync(key, cancellationToken) is not { } value)
        {
            return false;
        }

        await destination.WriteAsync(value, cancellationToken);
        return true;
    }

    public static ValueTask SetAsync(IOutputCacheStore store, string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        store is IOutputCacheBufferStore buffered
            ? buffered.SetAsync(key, value, tags, validFor, cancellationToken)
            : store.SetAsync(key, value.ToArray(), tags.IsEmpty ? null : tags.ToArray(), validFor, cancellationToken);
}
