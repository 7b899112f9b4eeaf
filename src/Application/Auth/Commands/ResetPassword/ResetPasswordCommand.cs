using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;

namespace Catalog.Application.Auth.Commands.ResetPassword;

public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<bool>;

internal sealed class ResetPasswordCommandHandler(
    IUserTokenStore tokens,
    IUserRepository users,
    IPasswordHasher hasher,
    ISessionStore sessions,
    IIdentityStateCache stateCache,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<ResetPasswordCommand, bool>
{
    public async Task<Result<bool>> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var userId = await tokens.ConsumeAsync(request.Token, UserTokenPurpose.PasswordReset, cancellationToken);
        var user = userId is null ? null : await users.GetByIdAsync(userId.Value, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return AuthErrors.InvalidToken();
        }

        user.ChangePasswordHash(hasher.Hash(request.NewPassword), time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var ended = await sessions.EndAllAsync(user.Id, null, "password_reset", cancellationToken);
        stateCache.InvalidateUser(user.Id);
        audit.Record(new AuditEntry("auth.password_reset", "user", user.Id, Metadata: new Dictionary<string, object?> { ["sessionsEnded"] = ended }) { StatusCode = 204, UserId = user.Id });
        return true;
    }
}
