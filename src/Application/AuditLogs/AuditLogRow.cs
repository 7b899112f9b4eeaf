using System.Text.Json;

namespace Catalog.Application.AuditLogs;

/// <summary>One row of v_audit_logs as Dapper reads it (jsonb as text, timestamps as UTC DateTime).</summary>
internal sealed record AuditLogRow(
    Guid Id, Guid? UserId, string Action, string ResourceType, Guid? ResourceId, string? Changes, string Metadata, string? IpAddress,
    string? UserAgent, string? RequestId, int? DurationMs, int? StatusCode, string? ErrorMessage, DateTime CreatedAt)
{
    public const string Columns = """
        id AS Id, user_id AS UserId, action AS Action, resource_type AS ResourceType, resource_id AS ResourceId,
               changes::text AS Changes, metadata::text AS Metadata, ip_address AS IpAddress, user_agent AS UserAgent,
               request_id AS RequestId, duration_ms AS DurationMs, status_code AS StatusCode, error_message AS ErrorMessage,
               created_at AS CreatedAt
        """;

    public AuditLogResponse ToResponse() => new(
        Id, UserId, Action, ResourceType, ResourceId,
        Changes is null ? null : Parse(Changes),
        Parse(Metadata), IpAddress, UserAgent, RequestId, DurationMs, StatusCode, ErrorMessage,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
