using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Users;

namespace Catalog.Application.Auth.Commands.Login;

public sealed record LoginCommand(string Email, string Password) : ICommand<TokenResponse>;

internal sealed class LoginCommandHandler(
    IUserRepository users,
    IPasswordHasher hasher,
    ILoginThrottle throttle,
    ISessionStore sessions,
    IAccessTokenIssuer issuer,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ISecurityAuditLog securityLog,
    IRequestContext requestContext,
    TimeProvider time) : ICommandHandler<LoginCommand, TokenResponse>
{
    // A real hash with the current settings: verifying against it costs what verifying a real account costs.
    private static string? _dummyHash;

    public async Task<Result<TokenResponse>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = await users.GetByEmailAsync(User.NormalizeEmail(request.Email), cancellationToken);
        if (user is null || !user.IsActive || user.IsLockedOut(now))
        {
            hasher.Verify(_dummyHash ??= hasher.Hash("timing-equaliser-" + Guid.NewGuid()), request.Password);
            var reason = user is null ? "unknown_email" : user.IsActive ? "locked_out" : "inactive";
            await FailAsync(user?.Id, reason, cancellationToken);
            return AuthErrors.InvalidCredentials;
        }

        var check = hasher.Verify(user.PasswordHash, request.Password);
        if (check == PasswordCheck.Failed)
        {
            var locked = await throttle.RecordFailureAsync(user.Id, cancellationToken);
            await FailAsync(user.Id, "wrong_password", cancellationToken);
            if (locked)
            {
                await securityLog.RecordAsync(new AuditEntry("auth.lockout", "user", user.Id), 401, "Account locked after repeated failed sign-ins.", user.Id, cancellationToken);
            }

            return AuthErrors.InvalidCredentials;
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            // Rare (the hashing settings changed): the new hash and the bookkeeping go through the tracked user.
            user.RehashPassword(hasher.Hash(request.Password));
            user.RecordSuccessfulLogin(now);
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        else
        {
            // Not through the tracked user: two sign-ins of one account at once would conflict on its row version (412).
            await throttle.RecordSuccessAsync(user.Id, now, cancellationToken);
        }
        var refresh = await sessions.StartAsync(user.Id, requestContext.IpAddress, requestContext.UserAgent, cancellationToken);
        var access = issuer.Issue(user.Id, refresh.SessionId, user.SecurityStamp, user.Roles);
        audit.Record(new AuditEntry("auth.login_succeeded", "user", user.Id, Metadata: new Dictionary<string, object?>
        {
            ["sessionId"] = refresh.SessionId,
            ["rehashed"] = check == PasswordCheck.SuccessRehashNeeded,
        }) { UserId = user.Id });
        return new TokenResponse(access.Token, refresh.RefreshToken, "Bearer", access.ExpiresInSeconds);
    }

    private Task FailAsync(Guid? userId, string reason, CancellationToken cancellationToken) =>
        securityLog.RecordAsync(
            new AuditEntry("auth.login_failed", "user", userId, Metadata: new Dictionary<string, object?> { ["reason"] = reason }),
            401,
            "Sign-in failed.",
            userId,
            cancellationToken);
}
