using System.Security.Claims;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Security;

namespace Catalog.WebApi.Security;

/// <summary>An access token counts only while its user is active, its stamp current and its session (sid) live.</summary>
internal sealed class SessionAccessTokenValidator(IAccessTokenStateChecker checker) : IAccessTokenValidator
{
    public ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirst("sub")?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst("sid")?.Value, out var sessionId)
            || !Guid.TryParse(principal.FindFirst(CatalogClaims.SecurityStamp)?.Value, out var stamp))
        {
            return ValueTask.FromResult(false);
        }

        return checker.IsCurrentAsync(userId, sessionId, stamp, cancellationToken);
    }
}
