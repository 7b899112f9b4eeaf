using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Roles.Queries.ListPermissions;

[Authorize(Permissions.PermissionsRead)]
public sealed record ListPermissionsQuery : IQuery<IReadOnlyList<PermissionResponse>>;

internal sealed class ListPermissionsQueryHandler(IRolePermissionStore store) : IQueryHandler<ListPermissionsQuery, IReadOnlyList<PermissionResponse>>
{
    public async Task<Result<IReadOnlyList<PermissionResponse>>> Handle(ListPermissionsQuery request, CancellationToken cancellationToken)
    {
        var rows = await store.ListPermissionsAsync(cancellationToken);
        return rows.Select(p => new PermissionResponse(p.Id, p.Resource, p.Action, p.Description)).ToList();
    }
}
