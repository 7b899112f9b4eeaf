using Catalog.Application.Jobs;
using Catalog.Infrastructure.Database;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Catalog.Infrastructure.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// The background jobs on Hangfire, stored in the catalog database's <c>hangfire</c> schema (ADR-080). Every
    /// instance is a Hangfire client (it lists the jobs and queues a run); with <c>Jobs:Enabled</c> true it also runs a
    /// Hangfire server, which registers the recurring jobs from configuration and executes runs.
    /// <para>
    /// Hangfire keeps its configuration in statics (<c>JobStorage.Current</c>, <c>GlobalJobFilters</c>). Storage,
    /// activator and filters are registered here per host, before <c>AddHangfire</c> (which only adds what is missing),
    /// so that two hosts in one process — the cluster tests — never share them.
    /// </para>
    /// </summary>
    public static IServiceCollection AddCatalogJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(JobsOptions.SectionName);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(section);
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.SectionName));

        var catalog = JobCatalog.From(options);
        services.AddSingleton(catalog);
        services.AddSingleton(JobServerIdentity.Create());
        services.AddSingleton<MaintenanceDatabase>();
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<IJobScheduler, HangfireJobScheduler>();
        services.AddTransient<HangfireJobRunner>();
        services.AddKeyedScoped<IMaintenanceJob, TokenCleanupJob>(JobNames.TokenCleanup);
        services.AddKeyedScoped<IMaintenanceJob, AuditPartitionsJob>(JobNames.AuditPartitions);
        services.AddKeyedScoped<IMaintenanceJob, DatabaseAnalyzeJob>(JobNames.DatabaseAnalyze);
        services.AddKeyedScoped<IMaintenanceJob, DatabaseVacuumJob>(JobNames.DatabaseVacuum);
        services.AddKeyedScoped<IMaintenanceJob, DatabaseReindexJob>(JobNames.DatabaseReindex);
        services.AddKeyedScoped<IMaintenanceJob, MailDeliveryJob>(JobNames.MailDelivery);

        var connectionString = DependencyInjection.ResolveConnectionStrings(configuration).Write;
        var storageOptions = JobStorageSchema.StorageOptions(options);
        services.AddSingleton(_ => new JobStorageConnections(connectionString));
        services.AddSingleton<JobStorage>(provider => new PostgreSqlStorage(provider.GetRequiredService<JobStorageConnections>(), storageOptions));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(_ => Filters(options.Retry));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>())));

        if (options.Enabled)
        {
            // Registered before the server, so that the schedules are in storage before it looks for due ones.
            services.AddHostedService<RecurringJobsRegistration>();
            services.AddHangfireServer((provider, server) =>
            {
                server.ServerName = provider.GetRequiredService<JobServerIdentity>().Name;
                server.WorkerCount = options.WorkerCount;
                server.Queues = [JobStorageSchema.Queue];
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                server.ShutdownTimeout = options.ShutdownTimeout;
            });
        }

        return services;
    }

    /// <summary>
    /// The job filters of this host: a bounded retry with a doubling delay that leaves the run Failed when attempts are
    /// spent (never deleted, never retried forever), plus the two of Hangfire's global defaults the dashboard relies on.
    /// </summary>
    private static JobFilterProviderCollection Filters(JobRetryOptions retry)
    {
        var filters = new JobFilterCollection
        {
            new AutomaticRetryAttribute
            {
                Attempts = retry.Attempts,
                DelayInSecondsByAttemptFunc = attempt => RetryDelaySeconds(retry, attempt),
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
        };
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }

    /// <summary>The delay before retry number <paramref name="attempt"/> (1 for the first): FirstDelay, doubling, at most a day.</summary>
    internal static int RetryDelaySeconds(JobRetryOptions retry, long attempt)
    {
        var seconds = retry.FirstDelay.TotalSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return (int)Math.Clamp(seconds, 1, TimeSpan.FromDays(1).TotalSeconds);
    }
}
