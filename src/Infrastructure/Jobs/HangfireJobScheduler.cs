using Catalog.Application.Jobs;
using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Answers the jobs endpoints from Hangfire's storage (the stored schedule and next occurrence) and job_runs (the last
/// run), and queues a run through Hangfire's client: any instance whose server is on picks it up.
/// </summary>
internal sealed class HangfireJobScheduler(JobStorage storage, IBackgroundJobClient client, JobCatalog catalog, NpgsqlDataSource dataSource) : IJobScheduler
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
        Dictionary<string, RecurringJobDto> stored;
        using (var connection = storage.GetConnection())
        {
            stored = connection.GetRecurringJobs(catalog.Definitions.Select(d => d.Name))
                .Where(r => !r.Removed)
                .ToDictionary(r => r.Id, StringComparer.Ordinal);
        }

        var jobs = new List<JobResponse>(catalog.Definitions.Count);
        foreach (var definition in catalog.Definitions)
        {
            // An instance that runs no job registers no schedule: until one does, the configured one is shown.
            stored.TryGetValue(definition.Name, out var recurring);
            lastRuns.TryGetValue(definition.Name, out var last);
            DateTimeOffset? next = recurring?.NextExecution is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
            jobs.Add(new JobResponse(definition.Name, recurring?.Cron ?? definition.Cron, last.StartedAt, last.Outcome, next));
        }

        return jobs;
    }

    public Task TriggerAsync(string name, Guid? requestedBy, CancellationToken cancellationToken)
    {
        client.Enqueue<HangfireJobRunner>(runner => runner.RunAsync(name, HangfireJobRunner.Manual, requestedBy, null, CancellationToken.None));
        return Task.CompletedTask;
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
