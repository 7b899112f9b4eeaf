using System.Diagnostics;
using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;
using MediatR;

namespace Catalog.Application.Common.Observability;

/// <summary>
/// Outermost behaviour: a span per request, named after it, with its outcome (<c>ok</c>, the failure's error code, or
/// <c>exception</c>), and the commands counter by name and outcome. Without a listener neither costs more than a check.
/// </summary>
internal sealed class TelemetryBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string RequestName = typeof(TRequest).Name;
    private static readonly bool IsCommand = typeof(ICommandBase).IsAssignableFrom(typeof(TRequest));
    private static readonly string Kind = IsCommand ? "command" : "query";

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var activity = CatalogTelemetry.Source.StartActivity(RequestName);
        activity?.SetTag("catalog.request.name", RequestName);
        activity?.SetTag("catalog.request.kind", Kind);
        TResponse response;
        try
        {
            response = await next();
        }
        catch (Exception ex)
        {
            activity?.SetTag("catalog.request.outcome", "exception");
            activity?.SetTag("error.type", ex.GetType().FullName);
            activity?.SetStatus(ActivityStatusCode.Error);
            if (IsCommand)
            {
                CatalogTelemetry.CommandHandled(RequestName, "exception");
            }

            throw;
        }

        var outcome = response is Result { Error: { } error } ? error.Code : "ok";
        activity?.SetTag("catalog.request.outcome", outcome);
        if (IsCommand)
        {
            CatalogTelemetry.CommandHandled(RequestName, outcome);
        }

        return response;
    }
}
