using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Auditing;

public static class AuditingSetup
{
    public static IServiceCollection AddCatalogAuditTrail(this IServiceCollection services)
    {
        services.Configure<MvcOptions>(options => options.Filters.Add<ProblemCaptureFilter>());
        return services;
    }

    /// <summary>Right after the request id is set and before authentication, so every 401 is seen.</summary>
    public static IApplicationBuilder UseCatalogAuditTrail(this IApplicationBuilder app) => app.UseMiddleware<AuditMiddleware>();
}
