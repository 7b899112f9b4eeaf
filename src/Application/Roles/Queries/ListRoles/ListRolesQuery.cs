using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Roles.Queries.ListRoles;

/// <summary>Every role (the seeded ones, even without grants, and any other that has grants) with its permissions.</summary>
[Authorize(Permissions.PermissionsRead)]
public sealed record ListRolesQuery : IQuery<IReadOnlyList<RoleResponse>>;

internal sealed class ListRolesQueryHandler(IRolePermissionStore store) : IQueryHandler<ListRolesQuery, IReadOnlyList<RoleResponse>>
{
    public async Task<Result<IReadOnlyList<RoleResponse>>> Handle(ListRolesQuery request, CancellationToken cancellationToken)
    {
        var grants = await store.ListGrantsAsync(cancellationToken);
        return grants.Keys.Union(Common.Security.Roles.All, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(role => new RoleResponse(role, grants.TryGetValue(role, out var permissions) ? permissions : []))
            .ToList();
    }
}
