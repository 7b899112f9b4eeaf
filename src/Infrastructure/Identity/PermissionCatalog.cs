using Catalog.Application.Common.Identity;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Catalog.Infrastructure.Identity;

/// <summary>
/// role → permissions from <c>v_role_permissions</c>, cached for a minute and dropped on every instance when an admin
/// changes them (<see cref="IdentityChangeAnnouncer"/>).
/// </summary>
internal sealed class PermissionCatalog(NpgsqlDataSource dataSource, IMemoryCache cache, IdentityChangeAnnouncer announcer) : IPermissionCatalog
{
    /// <summary>The announced change (<see cref="IdentityStateCache.Evict"/>).</summary>
    public const string Change = "permissions";

    public const string CacheKey = "role-permissions";

    private const string Sql = """
        SELECT role AS Role, permission AS Permission FROM v_role_permissions
        """;

    public async ValueTask<IReadOnlySet<string>> GetPermissionsAsync(IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var map = await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = await connection.QueryAsync<(string Role, string Permission)>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
            return rows.GroupBy(r => r.Role, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.Permission).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        });

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (map!.TryGetValue(role, out var permissions))
            {
                result.UnionWith(permissions);
            }
        }

        return result;
    }

    public void Invalidate()
    {
        cache.Remove(CacheKey);
        announcer.Announce(Change);
    }
}
