using System.Diagnostics;

namespace Catalog.Infrastructure.Observability;

/// <summary>
/// The audit entry carries the trace id of the request (or job run) that wrote it, in its metadata as
/// <c>traceId</c>: the same id as the problem body and the log lines, so one search finds all three.
/// </summary>
internal static class AuditTraceId
{
    public static void Add(Dictionary<string, object?> metadata)
    {
        if (Activity.Current is { } activity)
        {
            metadata["traceId"] = activity.TraceId.ToHexString();
        }
    }
}
