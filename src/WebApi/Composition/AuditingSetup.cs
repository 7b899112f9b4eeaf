using Catalog.WebApi.Auditing;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Composition;

public static class AuditingSetup
{
    public static IServiceCollection AddCatalogAuditTrail(this IServiceCollection services)
    {
        // One stateless instance: a filter added by type is not reusable, so MVC created a new one for every request.
        services.Configure<MvcOptions>(options => options.Filters.Add(new ProblemCaptureFilter()));
        services.AddSingleton<UnauthenticatedAuditThrottle>();
        return services;
    }

    /// <summary>Right after the request id is set and before authentication, so every 401 is seen.</summary>
    public static IApplicationBuilder UseCatalogAuditTrail(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
