using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.AuditLogs.Queries.GetAuditLog;

/// <summary>
/// One audit entry by its id (audit_logs:read), with its before/after <c>changes</c>: what the back office's entry page
/// and <c>GET /audit-logs/{id}</c> show. The id leads every partition's primary key, so the lookup is an index probe per
/// monthly partition.
/// </summary>
[Authorize(Permissions.AuditLogsRead)]
public sealed record GetAuditLogQuery(Guid Id) : IQuery<AuditLogResponse>;

internal sealed class GetAuditLogQueryHandler(IReadDbConnectionFactory connections) : IQueryHandler<GetAuditLogQuery, AuditLogResponse>
{
    private const string Sql = $"SELECT {AuditLogRow.Columns} FROM v_audit_logs WHERE id = @Id LIMIT 1";

    public async Task<Result<AuditLogResponse>> Handle(GetAuditLogQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AuditLogRow>(new CommandDefinition(Sql, new { request.Id }, cancellationToken: cancellationToken));
        return row is null ? Error.NotFound("audit_log", request.Id) : row.ToResponse();
    }
}
