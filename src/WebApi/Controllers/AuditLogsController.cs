using Catalog.Application.AuditLogs;
using Catalog.Application.AuditLogs.Queries.GetAuditLog;
using Catalog.Application.AuditLogs.Queries.GetAuditLogs;
using Catalog.Application.Common.Paging;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/audit-logs")]
public sealed class AuditLogsController : ApiControllerBase
{
    /// <summary>Audit entries, newest first (audit_logs:read); without <c>from</c>/<c>to</c> the last 30 days.</summary>
    [HttpGet]
    [EndpointName("listAuditLogs")]
    [EndpointSummary("List audit log entries")]
    [AuthorizeAs<GetAuditLogsQuery>]
    [ProducesResponseType<Page<AuditLogResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> List(
        [FromQuery] Guid? userId,
        [FromQuery] string? resourceType,
        [FromQuery] Guid? resourceId,
        [FromQuery] string? action,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetAuditLogsQuery(userId, resourceType, resourceId, action, from, to, limit, cursor), cancellationToken));

    /// <summary>One audit entry with its before/after changes (audit_logs:read); an unknown id → 404.</summary>
    [HttpGet("{id:guid}")]
    [EndpointName("getAuditLog")]
    [EndpointSummary("Get an audit log entry")]
    [AuthorizeAs<GetAuditLogQuery>]
    [ProducesResponseType<AuditLogResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetAuditLogQuery(id), cancellationToken));
}
