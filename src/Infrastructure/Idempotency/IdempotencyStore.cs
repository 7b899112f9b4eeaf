using System.Text.Json;
using Catalog.Application.Common.Idempotency;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Idempotency;

/// <summary>idempotency_records: one row per caller and key, claimed before the work and completed with the response.</summary>
internal sealed class IdempotencyStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<IdempotencyStore> logger) : IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    // A row older than the retention window is taken over as if it were not there.
    private const string ClaimSql = """
        INSERT INTO idempotency_records (caller, idempotency_key, request_method, request_path, request_hash, created_at)
        VALUES (@Caller, @Key, @Method, @Path, @Hash, @Now)
        ON CONFLICT (caller, idempotency_key) DO UPDATE
            SET request_method = EXCLUDED.request_method, request_path = EXCLUDED.request_path,
                request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
                status_code = NULL, response_body = NULL, response_content_type = NULL,
                response_headers = NULL, completed_at = NULL
            WHERE idempotency_records.created_at < @Expired
        RETURNING 1
        """;

    private const string ReadSql = """
        SELECT request_hash AS RequestHash, status_code AS StatusCode, response_body AS Body,
               response_content_type AS ContentType, response_headers::text AS Headers
        FROM idempotency_records WHERE caller = @Caller AND idempotency_key = @Key
        """;

    private const string CompleteSql = """
        UPDATE idempotency_records
           SET status_code = @Status, response_body = @Body, response_content_type = @ContentType,
               response_headers = @Headers::jsonb, completed_at = @Now
         WHERE caller = @Caller AND idempotency_key = @Key
        """;

    private const string ReleaseSql = "DELETE FROM idempotency_records WHERE caller = @Caller AND idempotency_key = @Key AND status_code IS NULL";

    public async Task<bool> TryClaimAsync(string caller, string key, string method, string path, string hash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var claimed = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            ClaimSql, new { Caller = caller, Key = key, Method = method, Path = path, Hash = hash, Now = now, Expired = now - Retention }, cancellationToken: cancellationToken));
        return claimed is not null;
    }

    public async Task<StoredResponse?> ReadAsync(string caller, string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(ReadSql, new { Caller = caller, Key = key }, cancellationToken: cancellationToken));
    }

    public async Task CompleteAsync(string caller, string key, int status, byte[]? body, string? contentType, IReadOnlyDictionary<string, string> headers)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync(CompleteSql, new
        {
            Caller = caller,
            Key = key,
            Status = status,
            Body = body,
            ContentType = contentType,
            Headers = JsonSerializer.Serialize(headers),
            Now = time.GetUtcNow(),
        });
    }

    public async Task ReleaseAsync(string caller, string key)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(ReleaseSql, new { Caller = caller, Key = key });
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not release idempotency key of {Caller}", caller);
        }
    }
}
