using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// At start-up of an instance that runs jobs, stores every job's schedule from configuration as a Hangfire recurring
/// job (in UTC). AddOrUpdate replaces a stored expression that changed; an invalid expression stops the start-up.
/// </summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager manager, JobCatalog catalog, ILogger<RecurringJobsRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        foreach (var definition in catalog.Definitions)
        {
            var name = definition.Name;
            manager.AddOrUpdate<HangfireJobRunner>(
                name,
                JobStorageSchema.Queue,
                runner => runner.RunAsync(name, HangfireJobRunner.Schedule, null, null, CancellationToken.None),
                definition.Cron,
                options);
            logger.LogInformation("Recurring job {Job} scheduled at '{Cron}' (UTC)", name, definition.Cron);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
