using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Users;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace Catalog.Application.Auth.Commands.ForgotPassword;

/// <summary>Mails a reset link when the account exists; the answer is the same either way.</summary>
public sealed record ForgotPasswordCommand(string Email) : ICommand<bool>;

internal sealed class ForgotPasswordCommandHandler(
    IUserRepository users,
    IUserTokenStore tokens,
    IEmailOutbox outbox,
    IAuditTrail audit,
    IOptions<AuthOptions> options,
    TimeProvider time) : ICommandHandler<ForgotPasswordCommand, bool>
{
    public async Task<Result<bool>> Handle(ForgotPasswordCommand request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var user = await users.GetByEmailAsync(User.NormalizeEmail(request.Email), cancellationToken);
        if (user is null || !user.IsActive)
        {
            return true;
        }

        var recent = await tokens.CountSinceAsync(user.Id, UserTokenPurpose.PasswordReset, time.GetUtcNow().AddHours(-1), cancellationToken);
        if (recent >= settings.PasswordResetRequestsPerHour)
        {
            return true;
        }

        var token = await tokens.CreateAsync(user.Id, UserTokenPurpose.PasswordReset, TimeSpan.FromMinutes(settings.PasswordResetMinutes), cancellationToken);
        var link = $"{settings.PublicBaseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";
        await outbox.EnqueueAsync(
            user.Email,
            "Reset your password",
            $"Someone asked to reset the password of your Catalog account. If it was you, use this link within {settings.PasswordResetMinutes} minutes: {link}\nIf it was not, ignore this mail.",
            cancellationToken);
        audit.Record(new AuditEntry("auth.password_reset_requested", "user", user.Id) { StatusCode = 202 });
        return true;
    }
}

internal sealed class ForgotPasswordCommandValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(User.EmailMaxLength);
}
