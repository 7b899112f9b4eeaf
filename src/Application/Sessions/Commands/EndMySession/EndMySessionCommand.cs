using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Sessions.Commands.EndMySession;

/// <summary>Ends one of the caller's sessions; someone else's session is not found (no BOLA).</summary>
[Authorize(UsersOnly = true)]
public sealed record EndMySessionCommand(Guid SessionId) : ICommand<bool>;

internal sealed class EndMySessionCommandHandler(ISessionStore sessions, ICurrentUser currentUser, IAuditTrail audit) : ICommandHandler<EndMySessionCommand, bool>
{
    public async Task<Result<bool>> Handle(EndMySessionCommand request, CancellationToken cancellationToken)
    {
        if (!await sessions.EndAsync(currentUser.UserId!.Value, request.SessionId, "user_ended", cancellationToken))
        {
            return Error.NotFound("session", request.SessionId);
        }

        audit.Record(new AuditEntry("session.ended", "session", request.SessionId, Metadata: new Dictionary<string, object?> { ["reason"] = "user_ended" }) { StatusCode = 204 });
        return true;
    }
}
