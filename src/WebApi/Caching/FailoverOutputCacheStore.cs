using System.Buffers;
using System.IO.Pipelines;
using Catalog.Application.Common.Observability;
using Catalog.WebApi.Scaling;
using Microsoft.AspNetCore.OutputCaching;

namespace Catalog.WebApi.Caching;

/// <summary>
/// The output cache in Redis, shared by every instance, with this instance's memory store behind it (ADR-098): while
/// Redis is unreachable, entries are read and written locally (counted in <c>catalog.redis.fallbacks</c>) and no
/// request fails for it. Eviction always reaches the local store and, when it can, Redis; when Redis comes back, its
/// catalog entries are evicted, since changes made meanwhile could not evict them.
/// </summary>
internal sealed class FailoverOutputCacheStore : IOutputCacheBufferStore
{
    private readonly IOutputCacheStore _shared;
    private readonly IOutputCacheStore _local;
    private readonly RedisConnection _redis;
    private readonly ILogger<FailoverOutputCacheStore> _logger;

    public FailoverOutputCacheStore(IOutputCacheStore shared, IOutputCacheStore local, RedisConnection redis, ILogger<FailoverOutputCacheStore> logger)
    {
        _shared = shared;
        _local = local;
        _redis = redis;
        _logger = logger;
        redis.Restored += () => _ = EvictSharedAsync(CatalogReadAttribute.Tag);
    }

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (Shared() is { } shared)
        {
            try
            {
                return await shared.GetAsync(key, cancellationToken);
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex))
            {
                FellBack(ex);
            }
        }

        return await _local.GetAsync(key, cancellationToken);
    }

    public async ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (Shared() is { } shared)
        {
            try
            {
                return await OutputCacheStores.TryGetAsync(shared, key, destination, cancellationToken);
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex))
            {
                FellBack(ex);
            }
        }

        return await OutputCacheStores.TryGetAsync(_local, key, destination, cancellationToken);
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (Shared() is { } shared)
        {
            try
            {
                await shared.SetAsync(key, value, tags, validFor, cancellationToken);
                return;
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex))
            {
                FellBack(ex);
            }
        }

        await _local.SetAsync(key, value, tags, validFor, cancellationToken);
    }

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        if (Shared() is { } shared)
        {
            try
            {
                await OutputCacheStores.SetAsync(shared, key, value, tags, validFor, cancellationToken);
                return;
            }
            catch (Exception ex) when (RedisConnection.IsOutage(ex))
            {
                FellBack(ex);
            }
        }

        await OutputCacheStores.SetAsync(_local, key, value, tags, validFor, cancellationToken);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await _local.EvictByTagAsync(tag, cancellationToken);
        await EvictSharedAsync(tag);
    }

    private IOutputCacheStore? Shared()
    {
        if (_redis.IsAvailable)
        {
            return _shared;
        }

        CatalogTelemetry.RedisFallback("output_cache");
        return null;
    }

    private async Task EvictSharedAsync(string tag)
    {
        try
        {
            await _shared.EvictByTagAsync(tag, CancellationToken.None);
        }
        catch (Exception ex) when (RedisConnection.IsOutage(ex))
        {
            // The entries expire after Caching:ServerSeconds, or are evicted when this instance reconnects.
            _logger.LogWarning(ex, "Evicting the output-cache tag {Tag} in Redis failed", tag);
        }
    }

    private void FellBack(Exception ex)
    {
        CatalogTelemetry.RedisFallback("output_cache");
        _logger.LogDebug(ex, "Output cache in Redis unreachable; using this instance's");
    }
}
