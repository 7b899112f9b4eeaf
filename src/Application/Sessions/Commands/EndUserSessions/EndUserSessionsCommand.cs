using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Sessions.Commands.EndUserSessions;

/// <summary>
/// An admin signs a user out everywhere: every session ends and outstanding access tokens stop working. The caller
/// must hold every permission of the user's roles (ADR-077).
/// </summary>
[Authorize(Permissions.UsersWrite, UsersOnly = true)]
public sealed record EndUserSessionsCommand(Guid UserId) : ICommand<bool>;

internal sealed class EndUserSessionsCommandHandler(
    IUserRepository users,
    IRolePermissionStore grants,
    ISessionStore sessions,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit) : ICommandHandler<EndUserSessionsCommand, bool>
{
    public async Task<Result<bool>> Handle(EndUserSessionsCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.UserId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("user", request.UserId);
        }

        if (await currentUser.RequireEveryPermissionOfAsync(grants, user.Roles, "Ending this user's sessions", cancellationToken) is { } above)
        {
            return above;
        }

        user.RotateSecurityStamp();
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var ended = await sessions.EndAllAsync(user.Id, null, "admin_ended", cancellationToken);
        stateCache.InvalidateUser(user.Id);
        audit.Record(new AuditEntry("session.ended_all", "user", user.Id, Metadata: new Dictionary<string, object?> { ["sessionsEnded"] = ended }) { StatusCode = 204 });
        return true;
    }
}
