using Catalog.Application.DatabaseHealth;
using Catalog.Application.DatabaseHealth.Queries.GetDatabaseHealth;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/admin/database")]
public sealed class DatabaseController : ApiControllerBase
{
    /// <summary>
    /// The database's health (database:read): per table rows, dead rows, size and last (auto)vacuum/analyze; index scans,
    /// sizes and never-used indexes; cache hit ratio; connections by state; the longest running statements (text cut at
    /// 200 characters); audit partitions ahead and the oldest kept; replication lag when the read side is a replica.
    /// </summary>
    [HttpGet]
    [EndpointName("getDatabaseHealth")]
    [EndpointSummary("Read the database's health")]
    [AuthorizeAs<GetDatabaseHealthQuery>]
    [ProducesResponseType<DatabaseHealthResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetDatabaseHealthQuery(), cancellationToken));
}
