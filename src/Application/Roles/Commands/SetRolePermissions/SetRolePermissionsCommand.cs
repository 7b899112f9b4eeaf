using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.Roles.Commands.SetRolePermissions;

/// <summary>
/// Replaces the permissions granted to a role. The caller must hold every permission the role has now and every
/// permission it is given (ADR-077), and <c>admin</c> always keeps every permission (so nobody locks the back office
/// out). The permission cache is dropped.
/// </summary>
[Authorize(Common.Security.Permissions.PermissionsWrite, UsersOnly = true)]
public sealed record SetRolePermissionsCommand(string Role, IReadOnlyList<string> Permissions) : ICommand<RoleResponse>;

internal sealed class SetRolePermissionsCommandHandler(
    IRolePermissionStore store,
    IPermissionCatalog permissionCatalog,
    ICurrentUser currentUser,
    IAuditTrail audit) : ICommandHandler<SetRolePermissionsCommand, RoleResponse>
{
    public async Task<Result<RoleResponse>> Handle(SetRolePermissionsCommand request, CancellationToken cancellationToken)
    {
        if (request.Role == Common.Security.Roles.Admin)
        {
            return Error.Conflict("role.admin_fixed", "The admin role always holds every permission.");
        }

        var catalogue = (await store.ListPermissionsAsync(cancellationToken)).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var unknown = request.Permissions.Where(p => !catalogue.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            return Error.Validation("permissions", $"Unknown permissions: {string.Join(", ", unknown)}.");
        }

        var grants = await store.ListGrantsAsync(cancellationToken);
        var before = grants.TryGetValue(request.Role, out var existing) ? existing : [];
        var wanted = request.Permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (currentUser.RequireEvery(before.Concat(wanted), $"Changing the role '{request.Role}'") is { } above)
        {
            return above;
        }

        await store.ReplaceAsync(request.Role, wanted.ConvertAll(p => catalogue[p].Id), cancellationToken);
        permissionCatalog.Invalidate();
        audit.Record(new AuditEntry("role.permissions_changed", "role", null,
            new Dictionary<string, AuditChange>(StringComparer.Ordinal) { ["permissions"] = new(before, wanted) },
            new Dictionary<string, object?> { ["role"] = request.Role }));
        return new RoleResponse(request.Role, wanted);
    }
}
