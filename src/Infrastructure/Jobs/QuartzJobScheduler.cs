using Catalog.Application.Jobs;
using Npgsql;
using Quartz;

namespace Catalog.Infrastructure.Jobs;

/// <summary>Answers the jobs endpoints from Quartz's store (schedule, next firing) and job_runs (last run).</summary>
internal sealed class QuartzJobScheduler(ISchedulerFactory schedulerFactory, JobCatalog catalog, NpgsqlDataSource dataSource) : IJobScheduler
{
    private const string LastRunsSql = """
        SELECT DISTINCT ON (job_name) job_name, started_at, outcome
        FROM job_runs
        ORDER BY job_name, started_at DESC
        """;

    public bool Exists(string name) => catalog.Contains(name);

    public async Task<IReadOnlyList<JobResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var lastRuns = await LastRunsAsync(cancellationToken);
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var jobs = new List<JobResponse>(catalog.Definitions.Count);
        foreach (var definition in catalog.Definitions)
        {
            var trigger = await scheduler.GetTrigger(new TriggerKey(definition.Name, JobNames.Group), cancellationToken);
            var schedule = (trigger as ICronTrigger)?.CronExpressionString ?? definition.Cron;
            lastRuns.TryGetValue(definition.Name, out var last);
            jobs.Add(new JobResponse(definition.Name, schedule, last.StartedAt, last.Outcome, trigger?.NextFireTimeUtc));
        }

        return jobs;
    }

    public async Task TriggerAsync(string name, Guid? requestedBy, CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var data = new JobDataMap();
        data.Add(QuartzJobAdapter.TriggeredByKey, "manual");
        if (requestedBy is not null)
        {
            data.Add(QuartzJobAdapter.RequestedByKey, requestedBy.Value.ToString());
        }

        await scheduler.TriggerJob(new JobKey(name, JobNames.Group), data, cancellationToken);
    }

    private async Task<Dictionary<string, (DateTimeOffset? StartedAt, string? Outcome)>> LastRunsAsync(CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, (DateTimeOffset?, string?)>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(LastRunsSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            runs[reader.GetString(0)] = (reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2));
        }

        return runs;
    }
}
