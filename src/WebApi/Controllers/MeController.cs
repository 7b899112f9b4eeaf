using Catalog.Application.Me.Commands.ChangePassword;
using Catalog.Application.Me.Commands.UpdateMe;
using Catalog.Application.Me.Queries.GetMe;
using Catalog.Application.Sessions;
using Catalog.Application.Sessions.Commands.EndMySession;
using Catalog.Application.Sessions.Queries.ListMySessions;
using Catalog.Application.Users;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Controllers;

/// <summary>The signed-in user's own profile, password and sessions (users only, not API keys).</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/me")]
[NoStore]
public sealed class MeController : ApiControllerBase
{
    [HttpGet]
    [EndpointName("getMe")]
    [EndpointSummary("Get your profile")]
    [AuthorizeAs<GetMeQuery>]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetMeQuery(), cancellationToken));

    /// <summary>Updates firstName, lastName, avatarUrl, metadata; any other field in the body is ignored.</summary>
    [HttpPatch]
    [EndpointName("updateMe")]
    [EndpointSummary("Update your profile")]
    [AuthorizeAs<UpdateMeCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Update(UpdateMeCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken));

    /// <summary>Changes the password; every other session ends (refresh to get a token for the new password).</summary>
    [HttpPost("password")]
    [EndpointName("changePassword")]
    [EndpointSummary("Change your password")]
    [AuthorizeAs<ChangePasswordCommand>]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> ChangePassword(ChangePasswordCommand command, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(command, cancellationToken));

    [HttpGet("sessions")]
    [EndpointName("listMySessions")]
    [EndpointSummary("List your sessions")]
    [AuthorizeAs<ListMySessionsQuery>]
    [ProducesResponseType<IReadOnlyList<SessionResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Sessions(CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListMySessionsQuery(), cancellationToken));

    [HttpDelete("sessions/{id:guid}")]
    [EndpointName("endMySession")]
    [EndpointSummary("End one of your sessions")]
    [AuthorizeAs<EndMySessionCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> EndSession(Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new EndMySessionCommand(id), cancellationToken));
}
