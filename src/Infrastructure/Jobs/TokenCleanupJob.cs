using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Deletes what has served its purpose: expired or revoked refresh tokens and sessions past the grace period
/// (a session's remaining tokens go with it, ON DELETE CASCADE), used or expired verification and reset tokens,
/// idempotency records past their retention and delivered mail past its retention. Each DELETE takes at most
/// <see cref="TokenCleanupOptions.BatchSize"/> rows in a transaction of its own, so no statement holds locks for long.
/// </summary>
internal sealed class TokenCleanupJob(
    NpgsqlDataSource dataSource,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<TokenCleanupJob> logger) : IMaintenanceJob
{
    private static readonly TimeSpan BatchStatementTimeout = TimeSpan.FromMinutes(1);

    // ctid = ANY(ARRAY(subquery)) is planned as a TID scan of exactly the rows the bounded subquery picked.
    private static readonly (string Table, string Sql)[] Steps =
    [
        ("refresh_tokens (expired)", Batch("refresh_tokens", "expires_at < @grace_cutoff ORDER BY expires_at")),
        ("refresh_tokens (revoked)", Batch("refresh_tokens", "revoked_at < @grace_cutoff")),
        ("user_sessions", Batch("user_sessions", "expires_at < @grace_cutoff OR absolute_expires_at < @grace_cutoff OR revoked_at < @grace_cutoff")),
        ("user_tokens", Batch("user_tokens", "expires_at < @grace_cutoff OR used_at < @grace_cutoff")),
        ("idempotency_records", Batch("idempotency_records", "created_at < @idempotency_cutoff ORDER BY created_at")),
        ("email_outbox (sent)", Batch("email_outbox", "sent_at < @mail_cutoff ORDER BY sent_at")),
    ];

    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value.TokenCleanup;
        var now = time.GetUtcNow();
        var guards = MaintenanceDatabase.GuardsSql(options.Value.LockTimeout, BatchStatementTimeout, local: true);
        long total = 0;
        foreach (var (table, sql) in Steps)
        {
            long deleted = 0;
            int batch;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var setup = new NpgsqlCommand(guards, connection, transaction))
                {
                    await setup.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var delete = new NpgsqlCommand(sql, connection, transaction))
                {
                    delete.Parameters.AddWithValue("grace_cutoff", now - settings.GracePeriod);
                    delete.Parameters.AddWithValue("idempotency_cutoff", now - settings.IdempotencyRetention);
                    delete.Parameters.AddWithValue("mail_cutoff", now - settings.SentMailRetention);
                    delete.Parameters.AddWithValue("batch", settings.BatchSize);
                    batch = await delete.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                deleted += batch;
            }
            while (batch >= settings.BatchSize);

            if (deleted > 0)
            {
                logger.LogInformation("Token cleanup deleted {Count} row(s) from {Table}", deleted, table);
            }

            total += deleted;
        }

        return total;
    }

    private static string Batch(string table, string condition) =>
        $"DELETE FROM {table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM {table} WHERE {condition} LIMIT @batch))";
}
