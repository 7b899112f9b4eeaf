using System.Net;
using System.Text.Json;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Infrastructure.Persistence;

/// <summary>Turns the request's pending audit entries into <c>audit_logs</c> rows on the current DbContext.</summary>
internal sealed class AuditWriter(
    CatalogDbContext db,
    IAuditTrail trail,
    ICurrentUser currentUser,
    IRequestContext requestContext,
    TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int StageAll(int? statusCode = null, string? errorMessage = null)
    {
        var entries = trail.Pending;
        foreach (var entry in entries)
        {
            db.Set<AuditLogRecord>().Add(ToRecord(entry, statusCode, errorMessage));
        }

        var count = entries.Count;
        trail.Clear();
        return count;
    }

    public AuditLogRecord ToRecord(AuditEntry entry, int? statusCode, string? errorMessage)
    {
        var now = time.GetUtcNow();
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (entry.Metadata is not null)
        {
            foreach (var (key, value) in entry.Metadata)
            {
                metadata[key] = value;
            }
        }

        if (currentUser.ApiKeyId is { } apiKeyId)
        {
            metadata["apiKeyId"] = apiKeyId;
        }

        return new AuditLogRecord
        {
            Id = Ids.New(now),
            UserId = currentUser.UserId,
            Action = entry.Action,
            ResourceType = entry.ResourceType,
            ResourceId = entry.ResourceId,
            Changes = entry.Changes is null ? null : JsonSerializer.Serialize(entry.Changes, Json),
            Metadata = JsonSerializer.Serialize(metadata, Json),
            IpAddress = IPAddress.TryParse(requestContext.IpAddress, out var ip) ? ip : null,
            UserAgent = requestContext.UserAgent,
            RequestId = requestContext.RequestId,
            StatusCode = statusCode,
            ErrorMessage = errorMessage,
            CreatedAt = now,
        };
    }
}
