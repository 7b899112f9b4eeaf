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

    /// <summary>How often an idle instance looks for due triggers (a run queued on another instance waits at most this long).</summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an instance checks in with the cluster; a peer silent for longer than this (plus a margin) is presumed dead and its runs recovered.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    public TokenCleanupOptions TokenCleanup { get; set; } = new();

    public AuditPartitionsOptions AuditPartitions { get; set; } = new();

    public JobSchedule DatabaseAnalyze { get; set; } = new() { Cron = "0 7 * * * ?" };

    public JobSchedule DatabaseVacuum { get; set; } = new() { Cron = "0 30 3 * * ?" };

    public JobSchedule DatabaseReindex { get; set; } = new() { Cron = "0 0 4 ? * SUN" };

    public MailDeliveryOptions MailDelivery { get; set; } = new();
}

/// <summary>A job's Quartz cron expression (seconds first, as Quartz reads it).</summary>
public class JobSchedule
{
    public string Cron { get; set; } = string.Empty;
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
