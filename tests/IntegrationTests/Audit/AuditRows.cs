using Npgsql;

namespace Catalog.IntegrationTests.Audit;

/// <summary>One audit_logs row as the tests check it, read straight from the table.</summary>
public sealed record AuditRow(
    Guid Id, Guid? UserId, string Action, string ResourceType, Guid? ResourceId, string? Changes, string Metadata,
    string? IpAddress, string? UserAgent, string? RequestId, int? DurationMs, int? StatusCode, string? ErrorMessage, DateTime CreatedAt);

public static class AuditRows
{
    public static async Task<List<AuditRow>> ByRequestIdAsync(string connectionString, string requestId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT id, user_id, action, resource_type, resource_id, changes::text, metadata::text, host(ip_address), user_agent,
                   request_id, duration_ms, status_code, error_message, created_at
            FROM audit_logs WHERE request_id = @requestId ORDER BY created_at, id
            """, connection);
        command.Parameters.AddWithValue("requestId", requestId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.GetDateTime(13)));
        }

        return rows;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A request carrying its own X-Request-Id, so each test finds exactly its rows.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, out string requestId, object? body = null)
    {
        requestId = "audit-" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Request-Id", requestId);
        request.Headers.UserAgent.ParseAdd("AuditTests/1.0");
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: Infrastructure.HttpAssertions.Json);
        }

        return request;
    }
}
