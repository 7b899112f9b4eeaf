using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Sessions.Commands.EndUserSession;

/// <summary>
/// An admin ends one of a user's sessions (its refresh tokens are revoked; a console cookie or access token of that
/// session is refused at its next request). The caller must hold every permission of the user's roles (ADR-077); a
/// session of another user is not found.
/// </summary>
[Authorize(Permissions.UsersWrite, UsersOnly = true)]
public sealed record EndUserSessionCommand(Guid UserId, Guid SessionId) : ICommand<bool>;

internal sealed class EndUserSessionCommandHandler(
    IUserRepository users,
    IRolePermissionStore grants,
    ISessionStore sessions,
    ICurrentUser currentUser,
    IAuditTrail audit) : ICommandHandler<EndUserSessionCommand, bool>
{
    public async Task<Result<bool>> Handle(EndUserSessionCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("user", request.UserId);
        }

        if (await currentUser.RequireEveryPermissionOfAsync(grants, user.Roles, "Ending this user's session", cancellationToken) is { } above)
        {
            return above;
        }

        if (!await sessions.EndAsync(user.Id, request.SessionId, "admin_ended", cancellationToken))
        {
            return Error.NotFound("session", request.SessionId);
        }

        audit.Record(new AuditEntry("session.ended", "session", request.SessionId, Metadata: new Dictionary<string, object?>
        {
            ["reason"] = "admin_ended",
            ["userId"] = user.Id,
        }) { StatusCode = 204 });
        return true;
    }
}
