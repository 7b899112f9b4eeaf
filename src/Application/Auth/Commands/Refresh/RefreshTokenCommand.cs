using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.Auth.Commands.Refresh;

public sealed record RefreshTokenCommand(string RefreshToken) : ICommand<TokenResponse>;

internal sealed class RefreshTokenCommandHandler(
    ISessionStore sessions,
    IUserRepository users,
    IAccessTokenIssuer issuer,
    ISecurityAuditLog securityLog,
    IRequestContext requestContext) : ICommandHandler<RefreshTokenCommand, TokenResponse>
{
    public async Task<Result<TokenResponse>> Handle(RefreshTokenCommand request, CancellationToken cancellationToken)
    {
        var rotation = await sessions.RotateAsync(request.RefreshToken, requestContext.IpAddress, requestContext.UserAgent, cancellationToken);
        if (rotation.Outcome == RefreshOutcome.Reused)
        {
            // RFC 9700 §4.14.2: a used token coming back means it leaked; the whole family is already revoked.
            await securityLog.RecordAsync(
                new AuditEntry("auth.refresh_reused", "session", rotation.SessionId),
                401,
                "A used refresh token was presented again; its session was revoked.",
                rotation.UserId,
                cancellationToken);
            return AuthErrors.InvalidRefreshToken;
        }

        if (rotation.Next is not { } next)
        {
            return AuthErrors.InvalidRefreshToken;
        }

        var user = await users.GetByIdAsync(next.UserId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            await sessions.EndAsync(next.UserId, next.SessionId, "user_inactive", cancellationToken);
            return AuthErrors.InvalidRefreshToken;
        }

        var access = issuer.Issue(user.Id, next.SessionId, user.SecurityStamp, user.Roles);
        return new TokenResponse(access.Token, next.RefreshToken, "Bearer", access.ExpiresInSeconds);
    }
}

internal sealed class RefreshTokenCommandValidator : AbstractValidator<RefreshTokenCommand>
{
    public RefreshTokenCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}
