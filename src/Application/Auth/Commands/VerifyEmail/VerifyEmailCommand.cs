using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;

namespace Catalog.Application.Auth.Commands.VerifyEmail;

public sealed record VerifyEmailCommand(string Token) : ICommand<bool>;

internal sealed class VerifyEmailCommandHandler(
    IUserTokenStore tokens,
    IUserRepository users,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<VerifyEmailCommand, bool>
{
    public async Task<Result<bool>> Handle(VerifyEmailCommand request, CancellationToken cancellationToken)
    {
        var userId = await tokens.ConsumeAsync(request.Token, UserTokenPurpose.EmailVerification, cancellationToken);
        var user = userId is null ? null : await users.GetByIdAsync(userId.Value, cancellationToken);
        if (user is null)
        {
            return AuthErrors.InvalidToken();
        }

        user.VerifyEmail(time.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("auth.email_verified", "user", user.Id) { StatusCode = 204, UserId = user.Id });
        return true;
    }
}
