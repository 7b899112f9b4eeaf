namespace Catalog.Infrastructure.Persistence;

/// <summary>A row of the append-only, monthly-partitioned <c>audit_logs</c> table; only ever inserted.</summary>
internal sealed class AuditLogRecord
{
    public Guid Id { get; init; }

    public Guid? UserId { get; init; }

    public required string Action { get; init; }

    public required string ResourceType { get; init; }

    public Guid? ResourceId { get; init; }

    public string? Changes { get; init; }

    public string Metadata { get; init; } = "{}";

    public System.Net.IPAddress? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    public string? RequestId { get; init; }

    public int? DurationMs { get; init; }

    public int? StatusCode { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public AuditLogRecord WithUser(Guid userId) => new()
    {
        Id = Id, UserId = userId, Action = Action, ResourceType = ResourceType, ResourceId = ResourceId, Changes = Changes,
        Metadata = Metadata, IpAddress = IpAddress, UserAgent = UserAgent, RequestId = RequestId, DurationMs = DurationMs,
        StatusCode = StatusCode, ErrorMessage = ErrorMessage, CreatedAt = CreatedAt,
    };
}
