namespace Catalog.Application.Common.Identity;

/// <summary>Resolves the permissions granted to roles; cached, and invalidated when role permissions change.</summary>
public interface IPermissionCatalog
{
    ValueTask<IReadOnlySet<string>> GetPermissionsAsync(IEnumerable<string> roles, CancellationToken cancellationToken);

    void Invalidate();
}
