using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.Application.Common.Behaviours;

public sealed class PerformanceOptions
{
    public const string SectionName = "Performance";

    /// <summary>A handler slower than this is logged as a warning.</summary>
    public int SlowRequestThresholdMs { get; set; } = 500;
}

/// <summary>Innermost behaviour: warns about handlers slower than the configured threshold.</summary>
internal sealed class PerformanceBehaviour<TRequest, TResponse>(
    ILogger<PerformanceBehaviour<TRequest, TResponse>> logger,
    IOptions<PerformanceOptions> options)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds > options.Value.SlowRequestThresholdMs)
        {
            logger.LogWarning("Slow request {Request}: {ElapsedMs:F0} ms (threshold {ThresholdMs} ms)", typeof(TRequest).Name, elapsed.TotalMilliseconds, options.Value.SlowRequestThresholdMs);
        }

        return response;
    }
}
