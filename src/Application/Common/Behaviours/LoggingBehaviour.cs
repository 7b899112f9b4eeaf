using System.Diagnostics;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Catalog.Application.Common.Behaviours;

/// <summary>Outermost behaviour: one log line per request with its outcome and duration.</summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(
    ILogger<LoggingBehaviour<TRequest, TResponse>> logger,
    ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        if (logger.IsEnabled(LogLevel.Debug) || response is Result { IsFailure: true })
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var error = (response as Result)?.Error;
            logger.Log(
                error is null ? LogLevel.Debug : LogLevel.Information,
                "{Request} by {UserId} finished in {ElapsedMs:F1} ms: {Outcome}",
                typeof(TRequest).Name,
                currentUser.UserId,
                elapsed,
                error?.Code ?? "ok");
        }

        return response;
    }
}
