using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Users;
using FluentValidation;

namespace Catalog.Application.Users.Commands.UpdateUser;

/// <summary>
/// Back-office change of a user's roles, activation or name. The caller must hold every permission of the user's
/// current roles and of any role it grants (no escalation through users:write, ADR-077); the last active admin
/// stays one (409); deactivation ends the user's sessions.
/// </summary>
[Authorize(Permissions.UsersWrite, UsersOnly = true)]
public sealed record UpdateUserCommand(Guid Id, IReadOnlyList<string>? Roles, bool? IsActive, string? FirstName, string? LastName) : ICommand<UserResponse>;

internal sealed class UpdateUserCommandHandler(
    IUserRepository users,
    IRolePermissionStore grants,
    ISessionStore sessions,
    IIdentityStateCache stateCache,
    ICurrentUser currentUser,
    IUnitOfWork unitOfWork,
    IAuditTrail audit) : ICommandHandler<UpdateUserCommand, UserResponse>
{
    public async Task<Result<UserResponse>> Handle(UpdateUserCommand request, CancellationToken cancellationToken)
    {
        var user = await users.GetByIdAsync(request.Id, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("user", request.Id);
        }

        if (request.Id == currentUser.UserId && (request.IsActive == false || request.Roles is not null))
        {
            return Error.Conflict("user.self_change", "You cannot change your own roles or deactivate yourself.");
        }

        if (await currentUser.RequireEveryPermissionOfAsync(grants, user.Roles, "Changing this user", cancellationToken) is { } above)
        {
            return above;
        }

        if (request.Roles is not null && await CheckRolesAsync(request.Roles, user.Roles, cancellationToken) is { } refused)
        {
            return refused;
        }

        var staysAdmin = request.IsActive != false
            && (request.Roles ?? user.Roles).Contains(Common.Security.Roles.Admin, StringComparer.Ordinal);
        if (await LastActiveAdmin.CheckAsync(users, user, staysAdmin, cancellationToken) is { } lastAdmin)
        {
            return lastAdmin;
        }

        var before = Snapshot(user);
        if (request.Roles is not null)
        {
            user.SetRoles(request.Roles);
        }

        if (request.FirstName is not null || request.LastName is not null)
        {
            user.UpdateProfile(request.FirstName?.Trim() ?? user.FirstName, request.LastName?.Trim() ?? user.LastName, user.AvatarUrl, null);
        }

        var deactivated = request.IsActive == false && user.IsActive;
        if (request.IsActive == false)
        {
            user.Deactivate();
        }
        else if (request.IsActive == true)
        {
            user.Activate();
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        if (deactivated)
        {
            await sessions.EndAllAsync(user.Id, null, "deactivated", cancellationToken);
        }

        stateCache.InvalidateUser(user.Id);
        audit.Record(new AuditEntry("user.updated", "user", user.Id, AuditChanges.Diff(before, Snapshot(user))));
        return UserResponse.From(user);
    }

    private async Task<Error?> CheckRolesAsync(IReadOnlyList<string> roles, IReadOnlyList<string> current, CancellationToken cancellationToken)
    {
        var known = (await grants.ListGrantsAsync(cancellationToken)).Keys.Concat(Common.Security.Roles.All).ToHashSet(StringComparer.Ordinal);
        var unknown = roles.Where(r => !known.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            return Error.Validation("roles", $"Unknown roles: {string.Join(", ", unknown)}.");
        }

        var added = roles.Except(current, StringComparer.Ordinal).ToList();
        return await currentUser.RequireEveryPermissionOfAsync(grants, added, "Granting these roles", cancellationToken);
    }

    private static Dictionary<string, object?> Snapshot(User user) => new(StringComparer.Ordinal)
    {
        ["roles"] = user.Roles.ToArray(),
        ["isActive"] = user.IsActive,
        ["firstName"] = user.FirstName,
        ["lastName"] = user.LastName,
    };
}
