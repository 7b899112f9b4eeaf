using System.Diagnostics;
using Catalog.Application.Common.Observability;

namespace Catalog.Infrastructure.Observability;

/// <summary>
/// A span per background job run (<c>job &lt;name&gt;</c>; Hangfire's workers run with no current span, so each run is
/// the root of a trace of its own, its SQL statements under it) and the job runs counter.
/// </summary>
internal static class JobTelemetry
{
    private const string SpanPrefix = "job ";

    /// <summary>Starts the run's span, or returns null when nothing listens.</summary>
    public static Activity? Start(string job, string triggeredBy)
    {
        var activity = CatalogTelemetry.Source.StartActivity(SpanPrefix + job);
        activity?.SetTag("catalog.job.name", job);
        activity?.SetTag("catalog.job.triggered_by", triggeredBy);
        return activity;
    }

    /// <summary>Counts the run by its outcome (job_runs' spelling) and puts the outcome on the run's span.</summary>
    public static void Finished(string job, string outcome)
    {
        CatalogTelemetry.JobRun(job, outcome);
        if (Activity.Current is { } activity && activity.Source == CatalogTelemetry.Source && activity.OperationName == SpanPrefix + job)
        {
            activity.SetTag("catalog.job.outcome", outcome);
            if (outcome != "succeeded")
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
