namespace Catalog.Application.Common.Identity;

/// <summary>
/// The short per-request cache of "is this token's user and session still current"; dropping an entry makes the
/// next request see a password change, deactivation or role change at once on this instance.
/// </summary>
public interface IIdentityStateCache
{
    void InvalidateUser(Guid userId);

    void InvalidateSession(Guid sessionId);

    void InvalidateApiKey(string prefix);
}
