using System.Security.Claims;
using System.Text.Json;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.BackOffice.Security;

/// <summary>
/// The console's sign-in cookie (ADR-095): <c>Secure</c>, <c>HttpOnly</c>, <c>SameSite=Strict</c>, scoped to
/// <c>/admin</c>, sliding. It carries what an access token carries (<c>sub</c>, <c>sid</c>, <c>stamp</c>, <c>role</c>)
/// and is checked on every request as an access token is: the user live and active, the stamp current, the session
/// (the <c>user_sessions</c> row sign-in started) not ended. Permissions are resolved per request from the roles.
/// </summary>
public static class BackOfficeCookie
{
    public const string Scheme = "BackOffice";
    public const string Name = "__Secure-catalog-admin";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = Name;
        options.Cookie.Path = BackOfficePaths.Root;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.ExpireTimeSpan = IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = BackOfficePaths.SignIn;
        options.LogoutPath = BackOfficePaths.SignOut;
        options.AccessDeniedPath = BackOfficePaths.Root;
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    /// <summary>The principal of a session sign-in just started, read from the access token the login use case issued.</summary>
    public static ClaimsPrincipal FromAccessToken(string accessToken)
    {
        // Issued in this process a moment ago, never received from a client: its payload is read, not re-validated.
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Convert.FromBase64String(payload));
        var root = json.RootElement;
        var claims = new List<Claim>
        {
            new("sub", root.GetProperty("sub").GetString()!),
            new("sid", root.GetProperty("sid").GetString()!),
            new(CatalogClaims.SecurityStamp, root.GetProperty(CatalogClaims.SecurityStamp).GetString()!),
        };
        if (root.TryGetProperty(CatalogClaims.Role, out var roles))
        {
            claims.AddRange(roles.ValueKind == JsonValueKind.Array
                ? roles.EnumerateArray().Select(r => new Claim(CatalogClaims.Role, r.GetString()!))
                : [new Claim(CatalogClaims.Role, roles.GetString()!)]);
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, "sub", CatalogClaims.Role));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var services = context.HttpContext.RequestServices;
        var cancellationToken = context.HttpContext.RequestAborted;
        if (!Guid.TryParse(principal.FindFirst("sub")?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst("sid")?.Value, out var sessionId)
            || !Guid.TryParse(principal.FindFirst(CatalogClaims.SecurityStamp)?.Value, out var stamp)
            || !await services.GetRequiredService<IAccessTokenStateChecker>().IsCurrentAsync(userId, sessionId, stamp, cancellationToken))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        // Permissions are never trusted from the cookie (a renewed cookie carries the last ones): resolved afresh.
        var stored = principal.Claims.Where(c => c.Type != CatalogClaims.Permission).ToList();
        var roles = stored.Where(c => c.Type == CatalogClaims.Role).Select(c => c.Value);
        var permissions = await services.GetRequiredService<IPermissionCatalog>().GetPermissionsAsync(roles, cancellationToken);
        stored.AddRange(permissions.Select(p => new Claim(CatalogClaims.Permission, p)));
        context.ReplacePrincipal(new ClaimsPrincipal(new ClaimsIdentity(stored, Scheme, "sub", CatalogClaims.Role)));
    }
}
