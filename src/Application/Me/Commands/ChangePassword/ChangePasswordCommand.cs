using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Me.Commands.ChangePassword;

/// <summary>
/// Changes the caller's password. Every other session ends; the security stamp rotates, so the caller refreshes
/// to get an access token for the new stamp (the current session's refresh token keeps working).
/// </summary>
[Authorize(UsersOnly = true)]
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : ICommand<bool>;

internal sealed class ChangePasswordCommandHandler(
    IUserRepository users,
    IPasswordHasher hasher,
    ILoginThrottle throttle,
    ISessionStore sessions,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ISecurityAuditLog securityLog,
    TimeProvider time) : ICommandHandler<ChangePasswordCommand, bool>
{
    public async Task<Result<bool>> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(currentUser.UserId!.Value, cancellationToken);
        if (user is null)
        {
            return Error.Unauthorized();
        }

        var now = time.GetUtcNow();
        if (user.IsLockedOut(now) || hasher.Verify(user.PasswordHash, request.CurrentPassword) == PasswordCheck.Failed)
        {
            await throttle.RecordFailureAsync(user.Id, cancellationToken);
            await securityLog.RecordAsync(new AuditEntry("auth.password_change_failed", "user", user.Id), 400, "The current password was wrong.", user.Id, cancellationToken);
            return Error.Validation("currentPassword", "The current password is incorrect.");
        }

        user.ChangePasswordHash(hasher.Hash(request.NewPassword), now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var ended = await sessions.EndAllAsync(user.Id, currentUser.SessionId, "password_changed", cancellationToken);
        stateCache.InvalidateUser(user.Id);
        audit.Record(new AuditEntry("auth.password_changed", "user", user.Id, Metadata: new Dictionary<string, object?> { ["sessionsEnded"] = ended }) { StatusCode = 204 });
        return true;
    }
}
