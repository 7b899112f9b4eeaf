using System.Text.Json;

namespace Catalog.Application.AuditLogs;

/// <summary>One audit entry as the back office reads it.</summary>
public sealed record AuditLogResponse(
    Guid Id,
    Guid? UserId,
    string Action,
    string ResourceType,
    Guid? ResourceId,
    JsonElement? Changes,
    JsonElement Metadata,
    string? IpAddress,
    string? UserAgent,
    string? RequestId,
    int? DurationMs,
    int? StatusCode,
    string? ErrorMessage,
    DateTimeOffset CreatedAt);
