using Catalog.Application.Common.Security;
using Catalog.WebApi.Auditing;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Security;

/// <summary>
/// Applies <see cref="AuthorizationRule"/> to the endpoint's <see cref="AuthorizeAsAttribute{TRequest}"/> right after
/// authentication and rate limiting, before anything reads the request body (the input guard, idempotency, binding):
/// an anonymous or unauthorized caller costs a header parse, not a body. The answer is the one the command would give.
/// </summary>
internal sealed class EndpointAuthorizationMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    // Not async: an endpoint without a demand, or a caller who meets it, passes straight on.
    public Task InvokeAsync(HttpContext context, ICurrentUser caller)
    {
        var demand = context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeAsMetadata>();
        var refusal = demand is null ? null : AuthorizationRule.Check(AuthorizationRule.For(demand.RequestType), caller);
        if (refusal is null)
        {
            return next(context);
        }

        var status = ErrorMapping.ToStatusCode(refusal.Type);
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Detail = refusal.Message,
            Type = status == StatusCodes.Status401Unauthorized ? "https://tools.ietf.org/html/rfc9110#section-15.5.2" : "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            Extensions = { ["code"] = refusal.Code },
        };
        ProblemCaptureFilter.Capture(context, problem);
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
