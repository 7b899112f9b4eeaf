using Catalog.BackOffice.Components;
using Catalog.BackOffice.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Catalog.BackOffice;

/// <summary>
/// The back-office console (ADR-095): server-rendered Razor components under <c>/admin</c> that send the same MediatR
/// commands and queries as the API controllers, signed in with a cookie over the same login use case.
/// </summary>
public static class BackOfficeSetup
{
    public static IServiceCollection AddCatalogBackOffice(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(options =>
        {
            // Antiforgery refuses to run over plain HTTP with Always (Development's http://localhost:5080): Secure
            // whenever the request is HTTPS, which it is in production (behind a proxy, through forwarded headers).
            options.Cookie.Name = "catalog-admin-af";
            options.Cookie.Path = BackOfficePaths.Root;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication().AddCookie(BackOfficeCookie.Scheme, BackOfficeCookie.Configure);
        return services;
    }

    /// <summary>Before the API's security middleware: <c>/admin</c> authenticates by its cookie only; then antiforgery.</summary>
    public static IApplicationBuilder UseCatalogBackOffice(this IApplicationBuilder app) => app
        .UseMiddleware<BackOfficeRequestMiddleware>()
        .UseAntiforgery();

    /// <summary>The console's pages (each needs a signed-in user unless it allows anonymous callers) and its assets.</summary>
    public static RazorComponentsEndpointConventionBuilder MapCatalogBackOffice(this WebApplication app)
    {
        var signedIn = new AuthorizeAttribute { AuthenticationSchemes = BackOfficeCookie.Scheme };
        app.MapStaticAssets();
        app.MapGet(ProductExportEndpoint.Path, ProductExportEndpoint.ExportAsync).RequireAuthorization(signedIn).ExcludeFromDescription();
        return app.MapRazorComponents<App>().RequireAuthorization(signedIn);
    }
}
