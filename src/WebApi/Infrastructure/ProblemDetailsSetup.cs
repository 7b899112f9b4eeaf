using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Catalog.WebApi.Infrastructure;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCatalogProblemDetails(this IServiceCollection services)
    {
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
}

/// <summary>Unexpected exceptions become problem responses that say nothing about the internals.</summary>
internal sealed class ExceptionToProblemHandler(IProblemDetailsService problemDetails, ILogger<ExceptionToProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception, httpContext);
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

    internal static (int Status, string Title, string Detail) Classify(Exception exception, HttpContext httpContext) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "Bad Request", "The request could not be read."),
        OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client Closed Request", "The client closed the request."),
        _ when IsPoolOrConnectTimeout(exception) => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The database is unavailable; try again shortly."),
        _ when IsStatementTimeout(exception) => (StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "The database did not answer in time."),
        _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "The database is unavailable; try again shortly."),
        _ => (StatusCodes.Status500InternalServerError, "Internal Server Error", "An unexpected error occurred."),
    };

    // Npgsql reports both a full pool and a connect timeout as an NpgsqlException around a TimeoutException, like a
    // command timeout; only the message tells them apart. No connection was obtained, so this is 503, not 504.
    private static bool IsPoolOrConnectTimeout(Exception exception) =>
        Find<NpgsqlException>(exception) is { InnerException: TimeoutException timeout } npgsql
        && (npgsql.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal)
            || timeout.Message.Contains("connection attempt", StringComparison.OrdinalIgnoreCase));

    private static bool IsStatementTimeout(Exception exception) =>
        Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.QueryCanceled }
        || Find<NpgsqlException>(exception)?.InnerException is TimeoutException;

    private static bool IsDatabaseUnavailable(Exception exception) =>
        Find<NpgsqlException>(exception) is { } npgsql && (npgsql.IsTransient || npgsql is not PostgresException)
        || Find<PostgresException>(exception) is { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections }
        || Find<System.Net.Sockets.SocketException>(exception) is not null;

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }

        return null;
    }
}
