using System.Security.Claims;
using Catalog.Application.Common.Security;

namespace Catalog.WebApi.Security;

/// <summary>Reads the caller from the authenticated principal; permissions were resolved when it was authenticated.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? UserId => ParseGuid("sub");

    public Guid? ApiKeyId => ParseGuid(CatalogClaims.ApiKeyId);

    public Guid? SessionId => ParseGuid("sid");

    public IReadOnlyCollection<string> Roles => IsAuthenticated ? Principal!.FindAll(CatalogClaims.Role).Select(c => c.Value).ToArray() : [];

    public IReadOnlyCollection<string> Permissions => IsAuthenticated ? Principal!.FindAll(CatalogClaims.Permission).Select(c => c.Value).ToArray() : [];

    public bool HasPermission(string permission) => IsAuthenticated && Principal!.HasClaim(CatalogClaims.Permission, permission);

    private Guid? ParseGuid(string claimType) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirst(claimType)?.Value, out var id) ? id : null;
}
