using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Catalog.Infrastructure.Identity.ApiKeys;

/// <summary>
/// Public prefixes of well-formed keys that have no live row (made up, rotated away, revoked, deleted, or of a deleted
/// creator), remembered <see cref="ApiKeyOptions.NegativeCacheSeconds"/> so that presenting one again costs no query.
/// A cache of its own with a size limit (<see cref="ApiKeyOptions.NegativeCacheEntries"/>): a flood of distinct made-up
/// prefixes evicts older entries instead of growing memory. Only the absence of a live row is remembered, never a
/// wrong secret for a live prefix (that would let anyone who saw a key's prefix lock the key out), nor a key whose
/// creator is merely deactivated (reactivation must bring it back at once). Creating or rotating a key drops the
/// entry of its new prefix (<see cref="IdentityStateCache.InvalidateApiKey"/>).
/// </summary>
public sealed class ApiKeyNegativeCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly TimeSpan _lifetime;

    public ApiKeyNegativeCache(IOptions<ApiKeyOptions> options)
    {
        var settings = options.Value;
        _lifetime = TimeSpan.FromSeconds(Math.Max(0, settings.NegativeCacheSeconds));
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, settings.NegativeCacheEntries) });
    }

    public bool Contains(string prefix) => _entries.TryGetValue(prefix, out _);

    public void Add(string prefix)
    {
        if (_lifetime > TimeSpan.Zero)
        {
            _entries.Set(prefix, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _lifetime });
        }
    }

    public void Remove(string prefix) => _entries.Remove(prefix);

    public void Dispose() => _entries.Dispose();
}
