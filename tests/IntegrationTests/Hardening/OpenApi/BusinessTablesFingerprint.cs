using Dapper;
using Npgsql;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>
/// An md5 of every row of every business table, to prove that refused requests wrote nothing. Left out on purpose:
/// <c>audit_logs</c> (refused writes are audited, ADR-041), <c>idempotency_records</c>, Hangfire's schema and
/// <c>job_runs</c>, and <c>user_sessions.last_activity_at</c> (touched by any signed-in request).
/// </summary>
public static class BusinessTablesFingerprint
{
    private static readonly string[] Tables =
    [
        "users", "products", "categories", "brands", "reviews", "review_helpful_votes", "api_keys", "permissions",
        "role_permissions", "refresh_tokens", "user_tokens", "email_outbox",
    ];

    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            result[table] = await connection.ExecuteScalarAsync<string>(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t") ?? string.Empty;
        }

        result["user_sessions"] = await connection.ExecuteScalarAsync<string>(
            """
            SELECT count(*) || ':' || coalesce(md5(string_agg((id, user_id, session_token, expires_at, revoked_at)::text, '|' ORDER BY id)), '')
            FROM user_sessions
            """) ?? string.Empty;
        return result;
    }

    /// <summary>The tables whose fingerprint differs between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IReadOnlyList<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Where(table => !string.Equals(before[table], after[table], StringComparison.Ordinal))];
}
