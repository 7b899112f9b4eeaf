using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Catalog.Application.Common.Observability;

/// <summary>
/// The catalog's own spans and counters (ADR-093). One <see cref="ActivitySource"/> and one <see cref="Meter"/>, both
/// named <see cref="Name"/>: with no listener (telemetry off, or no trace exporter) starting a span returns null and
/// adding to a counter does nothing, so instrumented code costs a null check. docs/operations.md lists every name.
/// </summary>
public static class CatalogTelemetry
{
    public const string Name = "Catalog";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "catalog.commands", "{command}", "Commands handled, by name and outcome (ok, an error code, or exception).");

    private static readonly Counter<long> SignInsFailed = Meter.CreateCounter<long>(
        "catalog.sign_ins.failed", "{sign_in}", "Refused sign-ins, by reason (unknown_email, wrong_password, locked_out, inactive).");

    private static readonly Counter<long> LockOuts = Meter.CreateCounter<long>(
        "catalog.sign_ins.locked_out", "{account}", "Accounts locked after repeated failed sign-ins.");

    private static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "catalog.rate_limit.rejections", "{request}", "Requests refused with 429, by the kind of partition that ran out.");

    private static readonly Counter<long> IdempotentReplays = Meter.CreateCounter<long>(
        "catalog.idempotency.replays", "{request}", "Requests answered from the idempotency store instead of running again.");

    private static readonly Counter<long> OutputCacheLookups = Meter.CreateCounter<long>(
        "catalog.output_cache.lookups", "{lookup}", "Output-cache look-ups, by result (hit, miss).");

    private static readonly Counter<long> RedisFallbacks = Meter.CreateCounter<long>(
        "catalog.redis.fallbacks", "{operation}", "Rate-limit decisions and output-cache operations done with this instance's own state because the configured Redis was unreachable, by use (rate_limit, output_cache).");

    private static readonly Counter<long> ImportRows = Meter.CreateCounter<long>(
        "catalog.import.rows", "{row}", "Product import rows, by outcome (created, updated, rejected).");

    private static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "catalog.job.runs", "{run}", "Background job runs, by job and outcome (succeeded, failed, cancelled).");

    private static readonly Counter<long> AuditRows = Meter.CreateCounter<long>(
        "catalog.audit.rows", "{row}", "Audit rows handed to the database, by kind (change: with the command's commit; security: on their own).");

    public static void CommandHandled(string name, string outcome) =>
        Commands.Add(1, new KeyValuePair<string, object?>("catalog.command.name", name), new KeyValuePair<string, object?>("catalog.command.outcome", outcome));

    public static void SignInFailed(string reason) =>
        SignInsFailed.Add(1, new KeyValuePair<string, object?>("catalog.sign_in.reason", reason));

    public static void LockedOut() => LockOuts.Add(1);

    public static void RateLimited(string partitionKind) =>
        RateLimitRejections.Add(1, new KeyValuePair<string, object?>("catalog.rate_limit.partition_kind", partitionKind));

    public static void IdempotentReplay() => IdempotentReplays.Add(1);

    public static void OutputCacheLookup(bool hit) =>
        OutputCacheLookups.Add(1, new KeyValuePair<string, object?>("catalog.output_cache.result", hit ? "hit" : "miss"));

    public static void RedisFallback(string use) =>
        RedisFallbacks.Add(1, new KeyValuePair<string, object?>("catalog.redis.use", use));

    public static void ImportRowsHandled(int created, int updated, int rejected)
    {
        ImportRows.Add(created, new KeyValuePair<string, object?>("catalog.import.outcome", "created"));
        ImportRows.Add(updated, new KeyValuePair<string, object?>("catalog.import.outcome", "updated"));
        ImportRows.Add(rejected, new KeyValuePair<string, object?>("catalog.import.outcome", "rejected"));
    }

    public static void JobRun(string job, string outcome) =>
        JobRuns.Add(1, new KeyValuePair<string, object?>("catalog.job.name", job), new KeyValuePair<string, object?>("catalog.job.outcome", outcome));

    public static void AuditRowsWritten(int count, string kind)
    {
        if (count > 0)
        {
            AuditRows.Add(count, new KeyValuePair<string, object?>("catalog.audit.kind", kind));
        }
    }
}
