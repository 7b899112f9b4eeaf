using Catalog.Application.Common.Identity;
using Catalog.Infrastructure.Identity.ApiKeys;
using Microsoft.Extensions.Caching.Memory;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// Cache keys of the per-request identity checks. Entries live a few seconds; a change on this instance drops them
/// at once, other instances see it when their entry expires (docs/security.md).
/// </summary>
public sealed class IdentityStateCache(IMemoryCache cache, ApiKeyNegativeCache unknownApiKeys) : IIdentityStateCache
{
    public static string UserKey(Guid userId) => $"identity:user:{userId:N}";

    public static string SessionKey(Guid sessionId) => $"identity:session:{sessionId:N}";

    public static string ApiKeyKey(string prefix) => $"identity:api-key:{prefix}";

    public void InvalidateUser(Guid userId) => cache.Remove(UserKey(userId));

    public void InvalidateSession(Guid sessionId) => cache.Remove(SessionKey(sessionId));

    /// <summary>Drops the cached row of <paramref name="prefix"/> and any remembered absence of it (a key just created or rotated to it).</summary>
    public void InvalidateApiKey(string prefix)
    {
        cache.Remove(ApiKeyKey(prefix));
        unknownApiKeys.Remove(prefix);
    }
}
