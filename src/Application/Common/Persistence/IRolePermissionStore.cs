namespace Catalog.Application.Common.Persistence;

public sealed record PermissionRow(Guid Id, string Resource, string Action, string? Description)
{
    public string Name => $"{Resource}:{Action}";
}

/// <summary>The <c>permissions</c> catalogue and the grants in <c>role_permissions</c>.</summary>
public interface IRolePermissionStore
{
    Task<IReadOnlyList<PermissionRow>> ListPermissionsAsync(CancellationToken cancellationToken);

    /// <summary>role → permission names, every role that has a grant.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListGrantsAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the role's grants, in the command's transaction.</summary>
    Task ReplaceAsync(string role, IReadOnlyCollection<Guid> permissionIds, CancellationToken cancellationToken);
}
