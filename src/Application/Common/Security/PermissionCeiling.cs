using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;

namespace Catalog.Application.Common.Security;

/// <summary>
/// The one rule of account and role administration (ADR-077): a caller may act on an account or a role, or grant a
/// role or a permission, only when it holds every permission involved. So users:write or permissions:write never
/// reaches above the caller's own rights: a moderator can manage plain users but not an admin, and grant nothing it
/// does not hold itself.
/// </summary>
internal static class PermissionCeiling
{
    /// <summary>Null when the caller holds every one of <paramref name="permissions"/>; else a 403 naming those it lacks.</summary>
    public static Error? RequireEvery(this ICurrentUser caller, IEnumerable<string> permissions, string action)
    {
        var missing = permissions.Where(p => !caller.HasPermission(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return missing.Count == 0
            ? null
            : Error.Forbidden($"{action} needs permissions you do not hold: {string.Join(", ", missing)}.");
    }

    /// <summary>
    /// <see cref="RequireEvery"/> over every permission granted to <paramref name="roles"/>, read from
    /// <c>role_permissions</c> in the command's transaction (not the per-instance cache).
    /// </summary>
    public static async Task<Error?> RequireEveryPermissionOfAsync(
        this ICurrentUser caller, IRolePermissionStore grants, IEnumerable<string> roles, string action, CancellationToken cancellationToken)
    {
        var map = await grants.ListGrantsAsync(cancellationToken);
        var needed = roles.SelectMany(r => map.TryGetValue(r, out var permissions) ? permissions : []);
        return caller.RequireEvery(needed, action);
    }
}
