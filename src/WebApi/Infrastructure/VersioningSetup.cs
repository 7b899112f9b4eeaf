using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Versioning;

namespace Catalog.WebApi.Infrastructure;

public static class VersioningSetup
{
    public static IServiceCollection AddCatalogVersioning(this IServiceCollection services)
    {
        services.AddApiVersioning(options =>
        {
            options.DefaultApiVersion = new ApiVersion(1, 0);
            options.AssumeDefaultVersionWhenUnspecified = false;
            // api-supported-versions is stamped on every response, errors included, by RequestIdMiddleware
            // (SupportedVersions). The library's reporter would do it again per action: an action filter, a response
            // callback and the header formatted anew on every request. A second API version is added there as well.
            options.ReportApiVersions = false;
            options.ApiVersionReader = new UrlSegmentApiVersionReader();
            options.ErrorResponses = new ProblemErrorResponseProvider();
        });
        return services;
    }
}

/// <summary>Versioning errors (an unknown version, say) as RFC 9457 problems rather than the library's own JSON.</summary>
internal sealed class ProblemErrorResponseProvider : IErrorResponseProvider
{
    public IActionResult CreateResponse(ErrorResponseContext context)
    {
        var factory = context.Request.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.Infrastructure.ProblemDetailsFactory>();
        var problem = factory.CreateProblemDetails(context.Request.HttpContext, context.StatusCode, detail: context.Message);
        problem.Extensions["code"] = context.ErrorCode;
        return new ObjectResult(problem) { StatusCode = context.StatusCode, ContentTypes = { "application/problem+json" } };
    }
}
