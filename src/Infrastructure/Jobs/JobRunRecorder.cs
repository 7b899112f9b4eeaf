using System.Text.Json;
using Catalog.Domain.Common;
using Catalog.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>The outcome of one run as job_runs spells it.</summary>
internal static class JobOutcomes
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}

/// <summary>One run of a job, as it is recorded.</summary>
internal sealed record JobRun(Guid Id, string JobName, string InstanceId, string TriggeredBy, Guid? RequestedBy, DateTimeOffset StartedAt)
{
    /// <summary>The occurrence this run belongs to: its scheduled time and Hangfire's background job id (kept in the audit entry).</summary>
    public DateTimeOffset? ScheduledFor { get; init; }

    public string? BackgroundJobId { get; init; }
}

/// <summary>Writes each run to job_runs (when it starts and when it ends) and to the audit trail (<c>job.&lt;name&gt;.run</c>).</summary>
internal sealed class JobRunRecorder(NpgsqlDataSource dataSource, IServiceScopeFactory scopeFactory, TimeProvider time)
{
    // Runs of a job never overlap (the runner holds the job's advisory lock, cluster-wide), so a row still 'running'
    // when the next run starts belongs to an instance that stopped mid-run.
    private const string StartSql = """
        UPDATE job_runs SET outcome = 'failed', finished_at = @started_at, error = 'The instance running it stopped before it finished.'
        WHERE job_name = @job_name AND outcome = 'running';
        INSERT INTO job_runs (id, job_name, instance_id, triggered_by, started_at, outcome)
        VALUES (@id, @job_name, @instance_id, @triggered_by, @started_at, 'running');
        """;

    private const string FinishSql = """
        UPDATE job_runs SET finished_at = @finished_at, outcome = @outcome, rows_affected = @rows_affected, error = @error
        WHERE id = @id
        """;

    public async Task<JobRun> StartAsync(string jobName, string instanceId, string triggeredBy, Guid? requestedBy, DateTimeOffset? scheduledFor, string? backgroundJobId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = new JobRun(Ids.New(now), jobName, instanceId, triggeredBy, requestedBy, now) { ScheduledFor = scheduledFor, BackgroundJobId = backgroundJobId };
        await using var command = dataSource.CreateCommand(StartSql);
        command.Parameters.AddWithValue("id", run.Id);
        command.Parameters.AddWithValue("job_name", jobName);
        command.Parameters.AddWithValue("instance_id", instanceId);
        command.Parameters.AddWithValue("triggered_by", triggeredBy);
        command.Parameters.AddWithValue("started_at", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return run;
    }

    public async Task FinishAsync(JobRun run, string outcome, long? rowsAffected, string? error)
    {
        var finished = time.GetUtcNow();
        await using (var command = dataSource.CreateCommand(FinishSql))
        {
            command.Parameters.AddWithValue("id", run.Id);
            command.Parameters.AddWithValue("finished_at", finished);
            command.Parameters.AddWithValue("outcome", outcome);
            command.Parameters.AddWithValue("rows_affected", (object?)rowsAffected ?? DBNull.Value);
            command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        var duration = finished - run.StartedAt;
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["job"] = run.JobName,
            ["outcome"] = outcome,
            ["rowsAffected"] = rowsAffected,
            ["instanceId"] = run.InstanceId,
            ["triggeredBy"] = run.TriggeredBy,
            ["scheduledFor"] = run.ScheduledFor,
            ["backgroundJobId"] = run.BackgroundJobId,
        };
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        db.Set<AuditLogRecord>().Add(new AuditLogRecord
        {
            Id = Ids.New(finished),
            UserId = run.RequestedBy,
            Action = $"job.{run.JobName}.run",
            ResourceType = "job",
            ResourceId = run.Id,
            Metadata = JsonSerializer.Serialize(metadata, AuditWriter.Json),
            DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
            ErrorMessage = error,
            CreatedAt = finished,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
