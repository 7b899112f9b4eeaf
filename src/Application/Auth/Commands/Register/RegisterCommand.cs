using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Users;
using Catalog.Domain.Common;
using Catalog.Domain.Users;
using Microsoft.Extensions.Options;

namespace Catalog.Application.Auth.Commands.Register;

public sealed record RegisterCommand(string Email, string Password, string? FirstName, string? LastName) : ICommand<UserResponse>;

internal sealed class RegisterCommandHandler(
    IUserRepository users,
    IPasswordHasher hasher,
    IUserTokenStore tokens,
    IEmailOutbox outbox,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    IOptions<AuthOptions> options,
    TimeProvider time) : ICommandHandler<RegisterCommand, UserResponse>
{
    public async Task<Result<UserResponse>> Handle(RegisterCommand request, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(request.Email);
        if (await users.EmailExistsAsync(email, cancellationToken))
        {
            return Error.Conflict("user.email_taken", "An account with this email already exists.");
        }

        var user = User.Create(email, hasher.Hash(request.Password), request.FirstName?.Trim(), request.LastName?.Trim(), time.GetUtcNow());
        users.Add(user);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        var token = await tokens.CreateAsync(user.Id, UserTokenPurpose.EmailVerification, TimeSpan.FromHours(options.Value.EmailVerificationHours), cancellationToken);
        var link = $"{options.Value.PublicBaseUrl.TrimEnd('/')}/verify-email?token={Uri.EscapeDataString(token)}";
        await outbox.EnqueueAsync(email, "Confirm your email address", $"Welcome to Catalog. Confirm your email address within {options.Value.EmailVerificationHours} hours: {link}", cancellationToken);

        audit.Record(new AuditEntry("user.registered", "user", user.Id, AuditChanges.Created(request)) { UserId = user.Id });
        return UserResponse.From(user);
    }
}
