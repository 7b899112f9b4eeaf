using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Users.Commands.DeleteUser;

/// <summary>
/// Soft-deletes a user; their sessions end and their API keys are revoked. The caller must hold every permission of
/// the user's roles, and the last active admin cannot be deleted (ADR-077).
/// </summary>
[Authorize(Permissions.UsersDelete, UsersOnly = true)]
public sealed record DeleteUserCommand(Guid Id) : ICommand<bool>;

internal sealed class DeleteUserCommandHandler(
    IUserRepository users,
    IRolePermissionStore grants,
    IApiKeyRepository apiKeys,
    ISessionStore sessions,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    TimeProvider time) : ICommandHandler<DeleteUserCommand, bool>
{
    public async Task<Result<bool>> Handle(DeleteUserCommand request, CancellationToken cancellationToken)
    {
        if (request.Id == currentUser.UserId)
        {
            return Error.Conflict("user.self_delete", "You cannot delete your own account here.");
        }

        var user = await users.GetByIdAsync(request.Id, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("user", request.Id);
        }

        if (await currentUser.RequireEveryPermissionOfAsync(grants, user.Roles, "Deleting this user", cancellationToken) is { } above)
        {
            return above;
        }

        if (await LastActiveAdmin.CheckAsync(users, user, remainsActiveAdmin: false, cancellationToken) is { } lastAdmin)
        {
            return lastAdmin;
        }

        var now = time.GetUtcNow();
        user.Delete(now);
        var prefixes = await apiKeys.RevokeAllOfUserAsync(user.Id, now, cancellationToken);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        var ended = await sessions.EndAllAsync(user.Id, null, "user_deleted", cancellationToken);
        stateCache.InvalidateUser(user.Id);
        foreach (var prefix in prefixes)
        {
            stateCache.InvalidateApiKey(prefix);
        }

        audit.Record(new AuditEntry("user.deleted", "user", user.Id, Metadata: new Dictionary<string, object?>
        {
            ["sessionsEnded"] = ended,
            ["apiKeysRevoked"] = prefixes.Count,
        }));
        return true;
    }
}
