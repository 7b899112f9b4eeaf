namespace Catalog.Application.Common.Identity;

/// <summary>
/// The per-request half of access-token validation: the user is still live and active, the token's security stamp is
/// the current one, and its session has not been revoked or expired.
/// </summary>
public interface IAccessTokenStateChecker
{
    ValueTask<bool> IsCurrentAsync(Guid userId, Guid sessionId, Guid stamp, CancellationToken cancellationToken);
}
