using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Auth.Commands.Refresh;

/// <summary>
/// Exchanges a refresh token for a new pair. A refused refresh is a committed outcome (<see cref="RefreshTokenResult.Tokens"/>
/// is null), not a rolled-back failure: the family revocation that reuse triggers, and its audit entry, must persist.
/// </summary>
public sealed record RefreshTokenCommand(string RefreshToken) : ICommand<RefreshTokenResult>;

public sealed record RefreshTokenResult(TokenResponse? Tokens);

internal sealed class RefreshTokenCommandHandler(
    ISessionStore sessions,
    IUserRepository users,
    IAccessTokenIssuer issuer,
    IAuditTrail audit,
    IRequestContext requestContext) : ICommandHandler<RefreshTokenCommand, RefreshTokenResult>
{
    private static readonly RefreshTokenResult Refused = new(null);

    public async Task<Result<RefreshTokenResult>> Handle(RefreshTokenCommand request, CancellationToken cancellationToken)
    {
        var rotation = await sessions.RotateAsync(request.RefreshToken, requestContext.IpAddress, requestContext.UserAgent, cancellationToken);
        if (rotation.Outcome == RefreshOutcome.Reused)
        {
            // RFC 9700 §4.14.2: a used token coming back means it leaked; the whole family is already revoked.
            // Recorded in the transaction that revokes the family, so the two cannot be separated.
            audit.Record(new AuditEntry("auth.refresh_reused", "session", rotation.SessionId, Metadata: new Dictionary<string, object?>
            {
                ["userId"] = rotation.UserId,
                ["outcome"] = "family_revoked",
            }) { StatusCode = 401, UserId = rotation.UserId });
            return Refused;
        }

        if (rotation.Next is not { } next)
        {
            return Refused;
        }

        var user = await users.GetByIdAsync(next.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            await sessions.EndAsync(next.UserId, next.SessionId, "user_inactive", cancellationToken);
            return Refused;
        }

        var access = issuer.Issue(user.Id, next.SessionId, user.SecurityStamp, user.Roles);
        return new RefreshTokenResult(new TokenResponse(access.Token, next.RefreshToken, "Bearer", access.ExpiresInSeconds));
    }
}
