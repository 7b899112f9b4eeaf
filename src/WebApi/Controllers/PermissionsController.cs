using Catalog.Application.Roles;
using Catalog.Application.Roles.Queries.ListPermissions;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/permissions")]
public sealed class PermissionsController : ApiControllerBase
{
    /// <summary>Every permission (permissions:read).</summary>
    [HttpGet]
    [EndpointName("listPermissions")]
    [EndpointSummary("List permissions")]
    [AuthorizeAs<ListPermissionsQuery>]
    [ProducesResponseType<IReadOnlyList<PermissionResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListPermissionsQuery(), cancellationToken));
}
