using Catalog.Application.Roles;
using Catalog.Application.Roles.Commands.SetRolePermissions;
using Catalog.Application.Roles.Queries.ListRoles;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/roles")]
public sealed class RolesController : ApiControllerBase
{
    /// <summary>Every role with its permissions (permissions:read).</summary>
    [HttpGet]
    [EndpointName("listRoles")]
    [EndpointSummary("List roles with their permissions")]
    [AuthorizeAs<ListRolesQuery>]
    [ProducesResponseType<IReadOnlyList<RoleResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListRolesQuery(), cancellationToken));

    /// <summary>Replaces the role's permissions (permissions:write); takes effect on the next request.</summary>
    [HttpPut("{role}/permissions")]
    [EndpointName("setRolePermissions")]
    [EndpointSummary("Replace a role's permissions")]
    [AuthorizeAs<SetRolePermissionsCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<RoleResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> SetPermissions(string role, SetRolePermissionsRequest body, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new SetRolePermissionsCommand(role, body.Permissions ?? []), cancellationToken));
}

public sealed record SetRolePermissionsRequest(IReadOnlyList<string>? Permissions);
