using Catalog.BackOffice;
using Catalog.WebApi.RateLimiting;

namespace Catalog.WebApi.Composition;

/// <summary>The back-office console (src/BackOffice, ADR-095) in this process, under /admin.</summary>
public static class BackOfficeHosting
{
    /// <summary>Its pages; the sign-in page draws on the same per-address auth budget as the API's sign-in.</summary>
    public static WebApplication MapCatalogConsole(this WebApplication app)
    {
        app.MapCatalogBackOffice().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: BackOfficePaths.SignIn })
            {
                endpoint.Metadata.Add(new AuthBudgetAttribute());
            }
        });
        return app;
    }
}
