using System.Text;
using Catalog.Application.Common.Auditing;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.WebUtilities;

namespace Catalog.WebApi.Auditing;

/// <summary>
/// Starts the request clock for duration_ms and, once the final status is known, records failed attempts
/// (<see cref="AuditFailurePolicy"/>) through the security audit log: outside the command's transaction, which
/// has already rolled back, so the attempt is kept while the change is not.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, UnauthenticatedAuditThrottle throttle, ILogger<AuditMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        RequestTiming.MarkStarted(context);
        // Recorded as the response starts: the status is final (the exception handler's 500 included), and the
        // event is in the table by the time the client reads the answer.
        context.Response.OnStarting(static state =>
        {
            var (middleware, ctx) = ((AuditMiddleware, HttpContext))state;
            return middleware.TryRecordAsync(ctx, ctx.Response.StatusCode);
        }, (this, context));
        return next(context);
    }

    private async Task TryRecordAsync(HttpContext context, int statusCode)
    {
        if (!AuditFailurePolicy.ShouldRecord(context.Request.Method, context.Request.Path, statusCode)
            || context.RequestServices.GetRequiredService<AuditRequestState>().FailureEventsWritten > 0)
        {
            return;
        }

        var suppressed = 0;
        if (statusCode == StatusCodes.Status401Unauthorized)
        {
            // Anyone can cause a 401: a flood from one address is counted, not written row by row.
            var address = (object?)context.Connection.RemoteIpAddress ?? "unknown";
            if (!throttle.TryAdmit(address, out suppressed, out var startedSuppressing))
            {
                if (startedSuppressing)
                {
                    logger.LogWarning("Further 401s from {Address} this minute are counted, not written to the audit log", address);
                }

                return;
            }
        }

        try
        {
            var entry = Describe(context, statusCode, suppressed);
            var message = statusCode == StatusCodes.Status500InternalServerError
                ? "An unexpected error occurred."
                : ProblemCaptureFilter.Captured(context) is { } problem ? problem.Detail ?? problem.Title : ReasonPhrases.GetReasonPhrase(statusCode);
            await context.RequestServices.GetRequiredService<ISecurityAuditLog>().RecordAsync(entry, statusCode, message);
        }
#pragma warning disable CA1031 // The response is already decided; a failing audit write is logged rather than turned into a second error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Could not record the failed request {Method} {Path} ({Status}) in the audit log", context.Request.Method, context.Request.Path, statusCode);
        }
    }

    private static AuditEntry Describe(HttpContext context, int statusCode, int suppressed)
    {
        var descriptor = context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>();
        var resource = descriptor is null ? "endpoint" : Singular(SnakeCase(ResourceName(descriptor.ControllerName)));
        var action = AuditFailurePolicy.IsStateChanging(context.Request.Method) && descriptor is not null
            ? $"{resource}.{SnakeCase(TrimAsync(descriptor.ActionName))}.failed"
            : statusCode == StatusCodes.Status401Unauthorized ? "security.unauthorized" : "security.forbidden";
        Guid? resourceId = context.GetRouteValue(ResourceIdRouteName(descriptor)) is string id && Guid.TryParse(id, out var parsed) ? parsed : null;
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.Value,
        };
        if (ProblemCaptureFilter.Captured(context)?.Extensions.TryGetValue("code", out var code) == true && code is not null)
        {
            metadata["errorCode"] = code.ToString();
        }

        if (suppressed > 0)
        {
            metadata["suppressed"] = suppressed;
        }

        return new AuditEntry(action, resource, resourceId, null, metadata);
    }

    // The action's `id` parameter, whatever the route spells it: `{idOrSlug}` on the product, brand and category paths
    // (one name per path in the OpenAPI document, ADR-082). A parameter of another name (a review's productId) is not the resource.
    private static string ResourceIdRouteName(ControllerActionDescriptor? descriptor) =>
        descriptor?.Parameters.FirstOrDefault(p => p.Name == "id")?.BindingInfo?.BinderModelName ?? "id";

    // Write endpoints live in Manage{Resource}Controller beside the read-side {Resource}Controller: same resource.
    private static string ResourceName(string controllerName) =>
        controllerName.StartsWith("Manage", StringComparison.Ordinal) && controllerName.Length > 6 ? controllerName[6..] : controllerName;

    private static string TrimAsync(string name) => name.EndsWith("Async", StringComparison.Ordinal) ? name[..^5] : name;

    private static string Singular(string name) => name switch
    {
        _ when name.EndsWith("ies", StringComparison.Ordinal) => name[..^3] + "y",
        _ when name.EndsWith('s') && !name.EndsWith("ss", StringComparison.Ordinal) => name[..^1],
        _ => name,
    };

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
