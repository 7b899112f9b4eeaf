namespace Catalog.Infrastructure.Jobs;

/// <summary>The names of the background jobs, as the API and <c>job_runs</c> spell them.</summary>
internal static class JobNames
{
    public const string TokenCleanup = "token-cleanup";
    public const string AuditPartitions = "audit-partitions";
    public const string DatabaseAnalyze = "database-analyze";
    public const string DatabaseVacuum = "database-vacuum";
    public const string DatabaseReindex = "database-reindex";
    public const string MailDelivery = "mail-delivery";
}

/// <summary>One job and the cron expression that fires it.</summary>
internal sealed record JobDefinition(string Name, string Cron);

/// <summary>Every job with its schedule, read once from configuration.</summary>
internal sealed class JobCatalog(IReadOnlyList<JobDefinition> definitions)
{
    public IReadOnlyList<JobDefinition> Definitions { get; } = definitions;

    public bool Contains(string name) => Definitions.Any(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    public static JobCatalog From(JobsOptions options) => new(
    [
        new(JobNames.TokenCleanup, options.TokenCleanup.Cron),
        new(JobNames.AuditPartitions, options.AuditPartitions.Cron),
        new(JobNames.DatabaseAnalyze, options.DatabaseAnalyze.Cron),
        new(JobNames.DatabaseVacuum, options.DatabaseVacuum.Cron),
        new(JobNames.DatabaseReindex, options.DatabaseReindex.Cron),
        new(JobNames.MailDelivery, options.MailDelivery.Cron),
    ]);
}

/// <summary>
/// The work of one job; <see cref="HangfireJobRunner"/> records each run around it. Hangfire runs a job at least once
/// (a run whose instance died is run again elsewhere), so every job is idempotent: a second run finds nothing left to do.
/// </summary>
internal interface IMaintenanceJob
{
    /// <summary>Does the job's work and answers how many rows (or objects) it affected.</summary>
    Task<long> RunAsync(CancellationToken cancellationToken);
}
