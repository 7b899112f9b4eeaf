using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// The one Hangfire job method: runs the <see cref="IMaintenanceJob"/> named by its argument in a scope of its own and
/// records the run in job_runs and the audit trail. A failure is recorded, then thrown, so that Hangfire's bounded
/// retry (<see cref="JobRetryOptions"/>) takes over; after the last attempt the run stays in the Failed state.
/// <para>
/// Runs of one job never overlap anywhere in the cluster: the run holds a session advisory lock on a connection of its
/// own, which PostgreSQL releases by itself when the instance dies. A run that finds the lock taken does nothing, as
/// the run in progress covers the same ground (every job is a sweep of what is due, see <see cref="IMaintenanceJob"/>).
/// </para>
/// </summary>
internal sealed class HangfireJobRunner(
    IServiceScopeFactory scopeFactory,
    JobRunRecorder recorder,
    NpgsqlDataSource dataSource,
    JobServerIdentity server,
    ILogger<HangfireJobRunner> logger)
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";

    private const string TryLockSql = "SELECT pg_try_advisory_lock(hashtext('catalog.jobs'), hashtext(@name))";
    private const string UnlockSql = "SELECT pg_advisory_unlock(hashtext('catalog.jobs'), hashtext(@name))";

    /// <summary>Runs <paramref name="name"/> once. Hangfire supplies <paramref name="context"/> and <paramref name="cancellationToken"/>.</summary>
    [JobDisplayName("{0} ({1})")]
    public async Task RunAsync(string name, string triggeredBy, Guid? requestedBy, PerformContext? context, CancellationToken cancellationToken)
    {
        using var activity = Observability.JobTelemetry.Start(name, triggeredBy);
        await using var gate = dataSource.CreateConnection();
        await gate.OpenAsync(cancellationToken);
        if (!await LockAsync(gate, TryLockSql, name, cancellationToken))
        {
            logger.LogInformation("Job {Job} not run: a run of it is in progress elsewhere in the cluster", name);
            return;
        }

        try
        {
            await RunLockedAsync(name, triggeredBy, requestedBy, context, cancellationToken);
        }
        finally
        {
            // A pooled connection keeps its session locks: release it before the connection goes back to the pool.
            await LockAsync(gate, UnlockSql, name, CancellationToken.None);
        }
    }

    private async Task RunLockedAsync(string name, string triggeredBy, Guid? requestedBy, PerformContext? context, CancellationToken cancellationToken)
    {
        var scheduledFor = context?.GetJobParameter<long?>("Time") is { } time ? DateTimeOffset.FromUnixTimeSeconds(time) : (DateTimeOffset?)null;
        var run = await recorder.StartAsync(name, server.Name, triggeredBy, requestedBy, scheduledFor, context?.BackgroundJob.Id, cancellationToken);
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredKeyedService<IMaintenanceJob>(name).RunAsync(cancellationToken);
            logger.LogInformation("Job {Job} succeeded ({Rows} affected)", name, rows);
            await FinishAsync(run, JobOutcomes.Succeeded, rows, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Job {Job} cancelled (shutdown or deletion)", name);
            await FinishAsync(run, JobOutcomes.Cancelled, null, "Cancelled before it finished.");
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed; Hangfire retries it while attempts remain", name);
            await FinishAsync(run, JobOutcomes.Failed, null, ex.Message);
            throw;
        }
    }

    // The work is done (or failed): a recording error is logged, never thrown, or Hangfire would run the job again.
    private async Task FinishAsync(JobRun run, string outcome, long? rows, string? error)
    {
        Observability.JobTelemetry.Finished(run.JobName, outcome);
        try
        {
            await recorder.FinishAsync(run, outcome, rows, error);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} run {RunId} finished as {Outcome} but could not be recorded", run.JobName, run.Id, outcome);
        }
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }
}

/// <summary>This instance's name among the Hangfire servers (and in job_runs.instance_id).</summary>
internal sealed record JobServerIdentity(string Name)
{
    public static JobServerIdentity Create() =>
        new($"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
}
