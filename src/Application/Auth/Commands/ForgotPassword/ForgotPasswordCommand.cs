using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Users;
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
        // Every outcome — mailed, unknown email, inactive account, too many requests this hour — runs the same
        // statements with the same CPU work (a secret and its hash, the mail text) and writes one audit entry; only
        // whether the token and the mail rows are stored differs, inside the same statements. So neither the answer
        // nor its time tells whether the address has an account (ADR-078).
        var settings = options.Value;
        var email = User.NormalizeEmail(request.Email);
        var user = await users.GetByEmailAsync(email, cancellationToken);
        var account = user is { IsActive: true } ? user : null;
        var recent = await tokens.CountSinceAsync(account?.Id ?? Guid.Empty, UserTokenPurpose.PasswordReset, time.GetUtcNow().AddHours(-1), cancellationToken);
        var send = account is not null && recent < settings.PasswordResetRequestsPerHour;
        var outcome = account is not null ? send ? "mailed" : "throttled" : user is null ? "unknown_email" : "inactive";

        var token = await tokens.CreateAsync(account?.Id ?? Guid.Empty, UserTokenPurpose.PasswordReset, TimeSpan.FromMinutes(settings.PasswordResetMinutes), send, cancellationToken);
        var link = $"{settings.PublicBaseUrl.TrimEnd('/')}/reset-password?token={Uri.EscapeDataString(token)}";
        await outbox.EnqueueAsync(
            email,
            "Reset your password",
            $"Someone asked to reset the password of your Catalog account. If it was you, use this link within {settings.PasswordResetMinutes} minutes: {link}\nIf it was not, ignore this mail.",
            send,
            cancellationToken);
        audit.Record(new AuditEntry("auth.password_reset_requested", "user", user?.Id, Metadata: new Dictionary<string, object?> { ["outcome"] = outcome }) { StatusCode = 202 });
        return true;
    }
}
