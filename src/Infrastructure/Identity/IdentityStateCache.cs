using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Identity.ApiKeys;
using Microsoft.Extensions.Caching.Memory;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// Cache keys of the per-request identity checks. Entries live a few seconds; a change drops them on this instance at
/// once and on every instance when its commit is announced (<see cref="IdentityChangeAnnouncer"/>, docs/security.md).
/// </summary>
public sealed class IdentityStateCache(IMemoryCache cache, ApiKeyNegativeCache unknownApiKeys, IdentityChangeAnnouncer announcer) : IIdentityStateCache
{
    private const string KeyPrefix = "identity:";

    public static string UserKey(Guid userId) => $"{KeyPrefix}user:{userId:N}";

    public static string SessionKey(Guid sessionId) => $"{KeyPrefix}session:{sessionId:N}";

    public static string ApiKeyKey(string prefix) => $"{KeyPrefix}api-key:{prefix}";

    public void InvalidateUser(Guid userId) => Invalidate($"user:{userId:N}");

    public void InvalidateSession(Guid sessionId) => Invalidate($"session:{sessionId:N}");

    /// <summary>Drops the cached row of <paramref name="prefix"/> and any remembered absence of it (a key just created or rotated to it).</summary>
    public void InvalidateApiKey(string prefix) => Invalidate($"api-key:{prefix}");

    /// <summary>
    /// This instance's entries named by an announced change (<c>user:{id}</c>, <c>session:{id}</c>,
    /// <c>api-key:{prefix}</c>, <c>permissions</c>), whichever instance made it; announces nothing itself.
    /// </summary>
    public void Evict(string change)
    {
        if (change == PermissionCatalog.Change)
        {
            cache.Remove(PermissionCatalog.CacheKey);
            return;
        }

        cache.Remove(KeyPrefix + change);
        if (change.StartsWith("api-key:", StringComparison.Ordinal))
        {
            unknownApiKeys.Remove(change["api-key:".Length..]);
        }
    }

    private void Invalidate(string change)
    {
        Evict(change);
        announcer.Announce(change);
    }
}
