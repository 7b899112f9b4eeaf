using Catalog.Application.Common.Persistence;
using Catalog.Infrastructure.Identity;
using Dapper;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class RolePermissionStore(CatalogDbContext db, TimeProvider time) : IRolePermissionStore
{
    public async Task<IReadOnlyList<PermissionRow>> ListPermissionsAsync(CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PermissionRow>(new CommandDefinition(
            "SELECT id AS Id, resource AS Resource, action AS Action, description AS Description FROM v_permissions ORDER BY resource, action",
            transaction: transaction,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListGrantsAsync(CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Role, string Permission)>(new CommandDefinition(
            """
            SELECT role, permission FROM v_role_permissions ORDER BY role, resource, action
            """,
            transaction: transaction,
            cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Role, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.Permission).ToList(), StringComparer.Ordinal);
    }

    public async Task ReplaceAsync(string role, IReadOnlyCollection<Guid> permissionIds, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM role_permissions WHERE role = @Role;
            INSERT INTO role_permissions (role, permission_id, created_at) SELECT @Role, unnest(@Ids), @Now;
            """,
            new { Role = role, Ids = permissionIds.ToArray(), Now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
    }
}
