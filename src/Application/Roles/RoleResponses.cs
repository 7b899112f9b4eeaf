namespace Catalog.Application.Roles;

public sealed record PermissionResponse(Guid Id, string Resource, string Action, string? Description);

public sealed record RoleResponse(string Role, IReadOnlyList<string> Permissions);
