using System.Diagnostics;

namespace Catalog.WebApi.Auditing;

/// <summary>The moment a request entered the pipeline, kept in <see cref="HttpContext.Items"/> for the audit's duration_ms.</summary>
public static class RequestTiming
{
    private const string StartedKey = "Catalog.Audit.RequestStarted";

    public static void MarkStarted(HttpContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public static TimeSpan? Elapsed(HttpContext? context) =>
        context?.Items.TryGetValue(StartedKey, out var started) == true && started is long timestamp
            ? Stopwatch.GetElapsedTime(timestamp)
            : null;
}
