using Catalog.Application.Jobs;
using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Catalog.Infrastructure.Jobs;

public static class JobsRegistration
{
    public const string SchedulerName = "catalog";

    /// <summary>
    /// The background jobs on a clustered Quartz scheduler whose store is the catalog database (ADR-050).
    /// With <c>Jobs:Enabled</c> false the scheduler is never started here: the jobs can still be listed and a run
    /// queued, for an instance that runs jobs to pick up.
    /// </summary>
    public static IServiceCollection AddCatalogJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JobsOptions.SectionName);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(section);
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName));

        var catalog = JobCatalog.From(options);
        services.AddSingleton(catalog);
        services.AddSingleton<MaintenanceDatabase>();
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<IJobScheduler, QuartzJobScheduler>();
        services.AddKeyedScoped<IMaintenanceJob, TokenCleanupJob>(JobNames.TokenCleanup);
        services.AddKeyedScoped<IMaintenanceJob, AuditPartitionsJob>(JobNames.AuditPartitions);
        services.AddKeyedScoped<IMaintenanceJob, DatabaseAnalyzeJob>(JobNames.DatabaseAnalyze);
        services.AddKeyedScoped<IMaintenanceJob, DatabaseVacuumJob>(JobNames.DatabaseVacuum);
        services.AddKeyedScoped<IMaintenanceJob, DatabaseReindexJob>(JobNames.DatabaseReindex);
        services.AddKeyedScoped<IMaintenanceJob, MailDeliveryJob>(JobNames.MailDelivery);

        var connectionString = DependencyInjection.ResolveConnectionStrings(configuration).Write;
        services.Configure<QuartzOptions>(quartz =>
        {
            // A changed cron replaces the stored trigger at start-up, without re-firing what already ran.
            quartz.Scheduling.OverwriteExistingData = true;
            quartz.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true;
        });
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.IdleWaitTime = options.IdleWaitTime;
                // Shutdown waits for running jobs and cancels their token, so they stop at the next safe point.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(clustering => clustering.CheckinInterval = options.ClusterCheckinInterval);
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(job => job.TablePrefix = "qrtz_");
            });

            foreach (var definition in catalog.Definitions)
            {
                q.AddJob<QuartzJobAdapter>(job => job.WithIdentity(definition.Name, JobNames.Group).StoreDurably().DisallowConcurrentExecution());
                q.AddTrigger(trigger => trigger
                    .ForJob(definition.Name, JobNames.Group)
                    .WithIdentity(definition.Name, JobNames.Group)
                    .WithCronSchedule(definition.Cron, cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            }
        });

        if (options.Enabled)
        {
            services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        }

        return services;
    }
}
