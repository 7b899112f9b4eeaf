namespace Catalog.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section: whether this instance runs jobs, and each job's schedule and limits.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>When false this instance runs no jobs (it can still list them and queue a run for its peers).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The connection the maintenance jobs (VACUUM, REINDEX, partition DDL) use; they need the table owner.
    /// Defaults to <c>ConnectionStrings:Catalog</c>.
    /// </summary>
    public string? MaintenanceConnectionString { get; set; }

    /// <summary>How long a maintenance statement waits for a lock before it gives up (SET lock_timeout).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one maintenance statement may run (SET statement_timeout).</summary>
    public TimeSpan StatementTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Workers of this instance's Hangfire server: how many runs it executes at once.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often an idle worker looks for a queued run (a run queued on another instance waits at most this long).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the server looks for due recurring jobs and retries whose delay has passed.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A run fetched by an instance that stopped heartbeating for this long is handed to another instance. A live
    /// instance keeps extending it while its run goes on (sliding invisibility), so a long VACUUM is not run twice.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long shutdown waits for running jobs after cancelling their token, before it stops waiting.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How a failed run is retried before it is left failed.</summary>
    public JobRetryOptions Retry { get; set; } = new();

    public TokenCleanupOptions TokenCleanup { get; set; } = new();

    public AuditPartitionsOptions AuditPartitions { get; set; } = new();

    public JobSchedule DatabaseAnalyze { get; set; } = new() { Cron = "0 7 * * * ?" };

    public JobSchedule DatabaseVacuum { get; set; } = new() { Cron = "0 30 3 * * ?" };

    public JobSchedule DatabaseReindex { get; set; } = new() { Cron = "0 0 4 ? * SUN" };

    public MailDeliveryOptions MailDelivery { get; set; } = new();
}

/// <summary>
/// A job's cron expression, in UTC: five fields (minute first), or six with seconds first (the form the Quartz
/// schedules of ADR-050 used, which Hangfire's Cronos parser reads as well: <c>?</c>, <c>0/15</c>, <c>SUN</c>).
/// </summary>
public class JobSchedule
{
    public string Cron { get; set; } = string.Empty;
}

/// <summary>Hangfire's automatic retry of a failed run: a bounded number of attempts, with a doubling delay.</summary>
public sealed class JobRetryOptions
{
    /// <summary>Retries after the first failure; then the run is left in Hangfire's Failed state (0: no retry).</summary>
    public int Attempts { get; set; } = 3;

    /// <summary>Delay before the first retry; each further retry waits twice as long as the one before.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class TokenCleanupOptions : JobSchedule
{
    public TokenCleanupOptions() => Cron = "0 0/15 * * * ?";

    /// <summary>Rows per DELETE statement, so that no statement holds its locks for long.</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>How long an expired or revoked token, session or verification token is kept before it is deleted.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Idempotency records older than this are deleted (replays after that run the request again).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Delivered mail older than this is deleted from email_outbox.</summary>
    public TimeSpan SentMailRetention { get; set; } = TimeSpan.FromDays(7);
}

public sealed class AuditPartitionsOptions : JobSchedule
{
    public AuditPartitionsOptions() => Cron = "0 15 0 * * ?";

    /// <summary>Monthly partitions created ahead of the current month.</summary>
    public int MonthsAhead { get; set; } = 3;

    /// <summary>Partitions whose month ended more than this many months ago are detached and dropped; 0 keeps everything.</summary>
    public int RetentionMonths { get; set; } = 13;
}

public sealed class MailDeliveryOptions : JobSchedule
{
    public MailDeliveryOptions() => Cron = "0 * * * * ?";

    /// <summary>Messages sent per run.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>After this many failed attempts a message is left undelivered, with its last error, for an operator.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; it doubles with every further failure, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The <c>Smtp</c> section; mail is delivered only when <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "no-reply@catalog.local";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
