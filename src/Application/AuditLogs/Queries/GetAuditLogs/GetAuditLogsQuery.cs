using System.Text;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.AuditLogs.Queries.GetAuditLogs;

/// <summary>
/// Audit entries, newest first, in keyset pages on (created_at, id). Without <c>from</c> the window is the 30 days
/// before <c>to</c> (or now), so the query always names a time range and PostgreSQL prunes the monthly partitions.
/// </summary>
[Authorize(Permissions.AuditLogsRead)]
public sealed record GetAuditLogsQuery(
    Guid? UserId,
    string? ResourceType,
    Guid? ResourceId,
    string? Action,
    string? From,
    string? To,
    int? Limit,
    string? Cursor) : IQuery<Page<AuditLogResponse>>;

internal sealed class GetAuditLogsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors, TimeProvider time)
    : IQueryHandler<GetAuditLogsQuery, Page<AuditLogResponse>>
{
    public const string CursorScope = "audit-logs:created_at-desc";
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    private const string Select = $"""
        SELECT {AuditLogRow.Columns}
        FROM v_audit_logs
        WHERE created_at >= @From AND created_at <= @To
        """;

    private const string ByUser = " AND user_id = @UserId";
    private const string ByResourceType = " AND resource_type = @ResourceType";
    private const string ByResourceId = " AND resource_id = @ResourceId";
    private const string ByAction = " AND action = @Action";
    private const string AfterCursor = " AND (created_at, id) < (@CursorCreatedAt, @CursorId)";
    private const string OrderAndLimit = " ORDER BY created_at DESC, id DESC LIMIT @Take";

    public async Task<Result<Page<AuditLogResponse>>> Handle(GetAuditLogsQuery request, CancellationToken cancellationToken)
    {
        var page = cursors.Start<AuditLogPosition>(CursorScope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        var position = keyset.After;

        var to = IsoTimestamp.ParseOrNull(request.To) ?? time.GetUtcNow();
        var from = IsoTimestamp.ParseOrNull(request.From) ?? to - DefaultWindow;

        var sql = new StringBuilder(Select);
        sql.Append(request.UserId is null ? string.Empty : ByUser)
            .Append(request.ResourceType is null ? string.Empty : ByResourceType)
            .Append(request.ResourceId is null ? string.Empty : ByResourceId)
            .Append(request.Action is null ? string.Empty : ByAction)
            .Append(position is null ? string.Empty : AfterCursor)
            .Append(OrderAndLimit);

        var parameters = new
        {
            From = from.UtcDateTime,
            To = to.UtcDateTime,
            request.UserId,
            request.ResourceType,
            request.ResourceId,
            request.Action,
            CursorCreatedAt = position?.CreatedAt.UtcDateTime,
            CursorId = position?.Id,
            keyset.Take,
        };

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<AuditLogRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => new AuditLogPosition(new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)), r.Id), r => r.ToResponse());
    }

    private sealed record AuditLogPosition(DateTimeOffset CreatedAt, Guid Id);
}
