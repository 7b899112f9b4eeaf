using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Observability;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Users;

namespace Catalog.Application.Auth.Commands.Login;

/// <summary>
/// Signs in. Runs outside a transaction until the password is known to be right (<see cref="IOwnTransaction"/>): the
/// attempt is reserved on a connection of its own first and the hash verified holding no connection, so a burst of
/// sign-ins never holds the pool while it waits for more connections or for the CPU.
/// </summary>
public sealed record LoginCommand(string Email, string Password) : ICommand<TokenResponse>, IOwnTransaction;

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
        var email = User.NormalizeEmail(request.Email);

        // The attempt is reserved (counted as a failure) before the password is verified, so parallel guesses cannot
        // all pass a lockout check that only a finished failure would close (ADR-078). The user is loaded after it,
        // so its row version is the one the reservation left.
        var attempt = await throttle.TryReserveAsync(email, cancellationToken);
        var user = await users.GetByEmailAsync(email, cancellationToken);
        if (attempt is null || user is null || user.Id != attempt.UserId)
        {
            hasher.Verify(_dummyHash ??= hasher.Hash("timing-equaliser-" + Guid.NewGuid()), request.Password);
            var reason = user is null ? "unknown_email" : user.IsActive ? "locked_out" : "inactive";
            CatalogTelemetry.SignInFailed(reason);
            await FailAsync(user?.Id, reason, cancellationToken);
            return AuthErrors.InvalidCredentials;
        }

        var check = hasher.Verify(user.PasswordHash, request.Password);
        if (check == PasswordCheck.Failed)
        {
            await FailAsync(user.Id, "wrong_password", cancellationToken);
            CatalogTelemetry.SignInFailed("wrong_password");
            if (attempt.LocksOnFailure)
            {
                CatalogTelemetry.LockedOut();
                await securityLog.RecordAsync(new AuditEntry("auth.lockout", "user", user.Id), 401, "Account locked after repeated failed sign-ins.", user.Id, cancellationToken);
            }

            return AuthErrors.InvalidCredentials;
        }

        if (check == PasswordCheck.Success)
        {
            // Not through the tracked user: two sign-ins of one account at once would conflict on its row version (412).
            await throttle.RecordSuccessAsync(user.Id, now, cancellationToken);
        }

        return await unitOfWork.ExecuteInTransactionAsync(_ => StartSessionAsync(user, request.Password, check, now, cancellationToken), _ => true, cancellationToken);
    }

    private async Task<Result<TokenResponse>> StartSessionAsync(User user, string password, PasswordCheck check, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            // Rare (the hashing settings changed): the new hash and the bookkeeping go through the tracked user.
            user.RehashPassword(hasher.Hash(password));
            user.RecordSuccessfulLogin(now);
            await unitOfWork.SaveChangesAsync(cancellationToken);
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
