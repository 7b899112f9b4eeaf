using System.Security.Claims;
using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Security;
using Catalog.WebApi.RateLimiting;
using Microsoft.AspNetCore.Authentication;

namespace Catalog.WebApi.Security;

public static class AuthenticationSetup
{
    public const string DefaultScheme = "Catalog";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Adds one <c>perm</c> claim for each permission the principal's roles grant.</summary>
    public static async Task AddPermissionClaimsAsync(HttpContext httpContext, ClaimsPrincipal principal)
    {
        var roles = principal.FindAll(CatalogClaims.Role).Select(c => c.Value);
        var catalog = httpContext.RequestServices.GetRequiredService<IPermissionCatalog>();
        var permissions = await catalog.GetPermissionsAsync(roles, httpContext.RequestAborted);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaims(permissions.Select(p => new Claim(CatalogClaims.Permission, p)));
    }

    /// <summary>True when the request carries a bearer token or an API key (valid or not).</summary>
    public static bool PresentsCredentials(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || request.Headers.ContainsKey(ApiKeyHeader);

    /// <summary>
    /// Authentication for the requests that present credentials. A request without any would only have every handler
    /// look for its header and find none (a handler instance, its options and an empty result per request, ~3 % of an
    /// anonymous product read's CPU), and leaves <c>HttpContext.User</c> anonymous either way; authorization still
    /// challenges it where a policy requires a user.
    /// <para>
    /// WebApplication puts its own <c>UseAuthentication</c> in front of the whole pipeline (before the exception handler)
    /// unless the application's builder carries the key that <c>UseAuthentication</c> sets; inside a branch it sets it
    /// on the branch's copy of the properties only. Without the key every request was authenticated there anyway, and a
    /// request with credentials twice. AuthenticationPassTests counts the passes, so a framework that renames the key
    /// fails the build instead of silently authenticating twice.
    /// </para>
    /// <para>
    /// An API key whose prefix is in neither cache costs one permit of the caller's address before its look-up
    /// (<see cref="FailedAuthenticationGate"/>); right after authentication a request refused that permit gets 429.
    /// </para>
    /// </summary>
    public static IApplicationBuilder UseCatalogAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.UseWhen(context => PresentsCredentials(context.Request), branch => branch
            .UseAuthentication()
            .Use(FailedAuthenticationGate.RefuseOverBudget));
    }

    /// <summary>The key of <c>AuthAppBuilderExtensions.UseAuthentication</c> (internal in ASP.NET Core).</summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// A request that presents credentials which fail authentication gets 401, even on an anonymous route:
    /// a client with a broken token should learn it rather than silently see the anonymous view.
    /// </summary>
    public static IApplicationBuilder UseCredentialCheck(this IApplicationBuilder app) => app.Use(next => context =>
        PresentsCredentials(context.Request) && context.User.Identity?.IsAuthenticated != true ? CheckCredentialsAsync(context, next) : next(context));

    /// <summary>
    /// Every action that sends a request with a demand declares it (<see cref="AuthorizeAsAttribute{TRequest}"/>) and is
    /// refused here, before the input guard, idempotency or binding read a byte of its body.
    /// </summary>
    public static IApplicationBuilder UseEndpointAuthorization(this IApplicationBuilder app) => app.UseMiddleware<EndpointAuthorizationMiddleware>();

    private static async Task CheckCredentialsAsync(HttpContext context, RequestDelegate next)
    {
        var result = await context.AuthenticateAsync();
        if (!result.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = "The credentials presented are invalid or expired." },
            });
            return;
        }

        await next(context);
    }
}

/// <summary>Registered by the API-key authentication handler so that the default scheme forwards <c>X-Api-Key</c> to it.</summary>
#pragma warning disable CA1040 // A marker interface: its type is the registration, it has no members on purpose.
public interface IApiKeySchemeMarker
{
}
#pragma warning restore CA1040

/// <summary>Checks per request that an access token's user and security stamp are still current (logout-all, password change).</summary>
public interface IAccessTokenValidator
{
    ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);
}
