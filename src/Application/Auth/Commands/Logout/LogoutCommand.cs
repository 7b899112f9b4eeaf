using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;

namespace Catalog.Application.Auth.Commands.Logout;

/// <summary>Ends the session of the refresh token. Answers success for an unknown token too: logout is idempotent.</summary>
public sealed record LogoutCommand(string RefreshToken) : ICommand<bool>;

internal sealed class LogoutCommandHandler(ISessionStore sessions, IAuditTrail audit) : ICommandHandler<LogoutCommand, bool>
{
    public async Task<Result<bool>> Handle(LogoutCommand request, CancellationToken cancellationToken)
    {
        var ended = await sessions.EndByRefreshTokenAsync(request.RefreshToken, "logout", cancellationToken);
        if (ended is { } session)
        {
            audit.Record(new AuditEntry("session.ended", "session", session.SessionId, Metadata: new Dictionary<string, object?>
            {
                ["userId"] = session.UserId,
                ["reason"] = "logout",
            }) { StatusCode = 204, UserId = session.UserId });
        }

        return true;
    }
}
