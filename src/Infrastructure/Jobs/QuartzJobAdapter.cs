using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// The one Quartz job type: runs the <see cref="IMaintenanceJob"/> named by the job key in a scope of its own and
/// records the run. A failure is logged and recorded, never thrown: the schedule's next firing is the retry.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class QuartzJobAdapter(
    IServiceScopeFactory scopeFactory,
    JobRunRecorder recorder,
    ILogger<QuartzJobAdapter> logger) : IJob
{
    public const string TriggeredByKey = "triggeredBy";
    public const string RequestedByKey = "requestedBy";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.JobDetail.Key.Name;
        var data = context.MergedJobDataMap;
        var triggeredBy = data.TryGetString(TriggeredByKey, out var by) && !string.IsNullOrEmpty(by) ? by : "schedule";
        Guid? requestedBy = data.TryGetString(RequestedByKey, out var requester) && Guid.TryParse(requester, out var user) ? user : null;

        JobRun run;
        try
        {
            run = await recorder.StartAsync(name, context.Scheduler.SchedulerInstanceId, triggeredBy, requestedBy, context.ScheduledFireTimeUtc, context.FireInstanceId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Job {Job} not started: its run could not be recorded", name);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var (outcome, rows, error) = await RunAsync(name, cancellationToken);
        try
        {
            await recorder.FinishAsync(run, outcome, rows, error);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} run {RunId} finished as {Outcome} but could not be recorded", name, run.Id, outcome);
        }
    }

    private async Task<(string Outcome, long? Rows, string? Error)> RunAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredKeyedService<IMaintenanceJob>(name);
            var rows = await job.RunAsync(cancellationToken);
            logger.LogInformation("Job {Job} succeeded ({Rows} affected)", name, rows);
            return (JobOutcomes.Succeeded, rows, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Job {Job} cancelled (shutdown or interruption)", name);
            return (JobOutcomes.Cancelled, null, "Cancelled before it finished.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed; its next scheduled firing retries it", name);
            return (JobOutcomes.Failed, null, ex.Message);
        }
    }
}
