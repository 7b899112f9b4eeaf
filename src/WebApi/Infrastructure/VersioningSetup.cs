using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Versioning;

namespace Catalog.WebApi.Infrastructure;

public static class VersioningSetup
{
    /// <summary>The route parameter of every controller's template, <c>api/v{version:apiVersion}/...</c>.</summary>
    public const string RouteParameter = "version";

    /// <summary>The one spelling of the served version in a path (ADR-075); any other spelling of it is a 404.</summary>
    public const string CanonicalSegment = "v1";

    private static readonly ApiVersion Served = new(1, 0);

    /// <summary>True when <paramref name="spelled"/> (the route value) is a version, but not the served one (<c>2</c>, <c>1.1</c>).</summary>
    public static bool IsWellFormedButNotServed(string spelled) => ApiVersion.TryParse(spelled, out var version) && version != Served;

    public static IServiceCollection AddCatalogVersioning(this IServiceCollection services)
    {
        services.AddApiVersioning(options =>
        {
            options.DefaultApiVersion = Served;
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

    /// <summary>Refuses every spelling of a served version but the canonical one (ADR-075). Right after the request id.</summary>
    public static IApplicationBuilder UseCanonicalApiVersion(this IApplicationBuilder app) => app.UseMiddleware<CanonicalApiVersionMiddleware>();
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
