using System.Net;
using System.Text.Json;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Microsoft.Extensions.Options;

namespace Catalog.Infrastructure.Persistence;

/// <summary>Turns the request's pending audit entries into <c>audit_logs</c> rows on the current DbContext.</summary>
internal sealed class AuditWriter(
    CatalogDbContext db,
    IAuditTrail trail,
    ICurrentUser currentUser,
    IRequestContext requestContext,
    IOptions<AuditOptions> options,
    TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds the pending entries of a command that is about to commit. Each carries the status its success maps to
    /// (the entry's own, or 201/204/200 by its action) unless <paramref name="statusCode"/> overrides it.
    /// </summary>
    public int StageAll(int? statusCode = null, string? errorMessage = null)
    {
        var entries = trail.Pending;
        var count = 0;
        if (options.Value.Enabled)
        {
            foreach (var entry in entries)
            {
                db.Set<AuditLogRecord>().Add(ToRecord(entry, statusCode ?? AuditStatus.ForSuccess(entry), errorMessage));
            }

            count = entries.Count;
            Application.Common.Observability.CatalogTelemetry.AuditRowsWritten(count, "change");
        }

        trail.Clear();
        return count;
    }

    /// <summary>A rolled-back command leaves no entry: what it recorded is dropped with its changes.</summary>
    public void DiscardPending() => trail.Clear();

    public AuditLogRecord ToRecord(AuditEntry entry, int? statusCode, string? errorMessage)
    {
        var now = time.GetUtcNow();
        var metadata = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (entry.Metadata is not null)
        {
            foreach (var (key, value) in entry.Metadata)
            {
                metadata[key] = AuditChanges.IsRedacted(key) ? AuditChanges.RedactedValue : AuditChanges.Scrub(value);
            }
        }

        Observability.AuditTraceId.Add(metadata);
        if (currentUser.ApiKeyId is { } apiKeyId)
        {
            metadata["apiKeyId"] = apiKeyId;
        }

        return new AuditLogRecord
        {
            Id = Ids.New(now),
            UserId = currentUser.UserId ?? entry.UserId,
            Action = entry.Action,
            ResourceType = entry.ResourceType,
            ResourceId = entry.ResourceId,
            Changes = entry.Changes is null ? null : JsonSerializer.Serialize(entry.Changes, Json),
            Metadata = JsonSerializer.Serialize(metadata, Json),
            IpAddress = IPAddress.TryParse(requestContext.IpAddress, out var ip) ? ip : null,
            UserAgent = requestContext.UserAgent,
            RequestId = requestContext.RequestId,
            DurationMs = requestContext.Elapsed is { } elapsed ? (int)Math.Min(int.MaxValue, Math.Ceiling(elapsed.TotalMilliseconds)) : null,
            StatusCode = statusCode,
            ErrorMessage = Truncate(errorMessage),
            CreatedAt = now,
        };
    }

    private static string? Truncate(string? message) => message is { Length: > 2000 } ? message[..2000] : message;
}
