using System.Diagnostics;
using Catalog.Application.Common.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Infrastructure;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCatalogProblemDetails(this IServiceCollection services)
    {
        // First, so that the persistence conflict handler sees exceptions before the catch-all one.
        services.AddExceptionHandler<PersistenceConflictHandler>();
        services.Configure<ApiBehaviorOptions>(options =>
        {
            options.ClientErrorMapping[StatusCodes.Status428PreconditionRequired] = new ClientErrorData
            {
                Title = "Precondition Required",
                Link = "https://www.rfc-editor.org/rfc/rfc6585#section-3",
            };
            options.ClientErrorMapping[StatusCodes.Status412PreconditionFailed] = new ClientErrorData
            {
                Title = "Precondition Failed",
                Link = "https://tools.ietf.org/html/rfc9110#section-15.5.13",
            };
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToHexString() ?? context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions["requestId"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ExceptionToProblemHandler>();
        services.AddCatalogBindingProblems();
        return services;
    }

    /// <summary>Exceptions and bare status codes (404 of no route, 405, ...) become problem details.</summary>
    public static IApplicationBuilder UseCatalogProblemDetails(this IApplicationBuilder app) =>
        app.UseExceptionHandler().UseStatusCodePages();
}

/// <summary>
/// Unexpected exceptions become problem responses that say nothing about the internals. A database that cannot be
/// reached or does not answer in time is 503 or 504 (<see cref="IPersistenceFailureTranslator"/> tells which).
/// </summary>
internal sealed class ExceptionToProblemHandler(
    IProblemDetailsService problemDetails, IPersistenceFailureTranslator translator, ILogger<ExceptionToProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception, httpContext, translator);
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed with {Status}", httpContext.Request.Method, httpContext.Request.Path, status);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    internal static (int Status, string Title, string Detail) Classify(Exception exception, HttpContext httpContext, IPersistenceFailureTranslator translator) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "Bad Request", "The request could not be read."),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client Closed Request", "The client closed the request."),
        _ => translator.Translate(exception) switch
        {
            { Kind: PersistenceFailureKind.Unavailable, Detail: var detail } => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", detail),
            { Kind: PersistenceFailureKind.Timeout, Detail: var detail } => (StatusCodes.Status504GatewayTimeout, "Gateway Timeout", detail),
            _ => (StatusCodes.Status500InternalServerError, "Internal Server Error", "An unexpected error occurred."),
        },
    };
}
