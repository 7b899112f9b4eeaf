using Catalog.Application.Common.Paging;
using Catalog.Application.Sessions;
using Catalog.Application.Sessions.Commands.EndUserSession;
using Catalog.Application.Sessions.Commands.EndUserSessions;
using Catalog.Application.Sessions.Queries.ListUserSessions;
using Catalog.Application.Users;
using Catalog.Application.Users.Commands.DeleteUser;
using Catalog.Application.Users.Commands.UpdateUser;
using Catalog.Application.Users.Queries.GetUser;
using Catalog.Application.Users.Queries.ListUsers;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Controllers;

/// <summary>Back-office user administration.</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/users")]
[NoStore]
public sealed class UsersController : ApiControllerBase
{
    /// <summary>Users, newest first: <c>q</c> matches email or name, <c>role</c> and <c>isActive</c> filter.</summary>
    [HttpGet]
    [EndpointName("listUsers")]
    [EndpointSummary("List users")]
    [AuthorizeAs<ListUsersQuery>]
    [ProducesResponseType<Page<UserResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List([FromQuery] string? q, [FromQuery] string? role, [FromQuery] bool? isActive, [FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListUsersQuery(q, role, isActive, limit, cursor), cancellationToken));

    [HttpGet("{id:guid}")]
    [EndpointName("getUser")]
    [EndpointSummary("Get a user")]
    [AuthorizeAs<GetUserQuery>]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetUserQuery(id), cancellationToken));

    /// <summary>Changes roles, activation or name; deactivation ends the user's sessions.</summary>
    [HttpPatch("{id:guid}")]
    [EndpointName("updateUser")]
    [EndpointSummary("Update a user's roles, activation or name")]
    [AuthorizeAs<UpdateUserCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Update(Guid id, UpdateUserRequest body, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new UpdateUserCommand(id, body.Roles, body.IsActive, body.FirstName, body.LastName), cancellationToken));

    /// <summary>Soft-deletes the user; their sessions end and their API keys are revoked.</summary>
    [HttpDelete("{id:guid}")]
    [EndpointName("deleteUser")]
    [EndpointSummary("Delete a user")]
    [AuthorizeAs<DeleteUserCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new DeleteUserCommand(id), cancellationToken));

    /// <summary>The user's live sessions: created, last seen, expiry, IP address and user agent as stored (users:read).</summary>
    [HttpGet("{id:guid}/sessions")]
    [EndpointName("listUserSessions")]
    [EndpointSummary("List a user's sessions")]
    [AuthorizeAs<ListUserSessionsQuery>]
    [ProducesResponseType<IReadOnlyList<SessionResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> ListSessions(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListUserSessionsQuery(id), cancellationToken));

    /// <summary>Ends one of the user's sessions (users:write); its console cookie and tokens stop working.</summary>
    [HttpDelete("{id:guid}/sessions/{sessionId:guid}")]
    [EndpointName("endUserSession")]
    [EndpointSummary("End one of a user's sessions")]
    [AuthorizeAs<EndUserSessionCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> EndSession(Guid id, Guid sessionId, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new EndUserSessionCommand(id, sessionId), cancellationToken));

    /// <summary>Signs the user out everywhere (users:write).</summary>
    [HttpDelete("{id:guid}/sessions")]
    [EndpointName("endUserSessions")]
    [EndpointSummary("Sign a user out everywhere")]
    [AuthorizeAs<EndUserSessionsCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> EndSessions(Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new EndUserSessionsCommand(id), cancellationToken));
}

/// <summary>The body of PATCH /users/{id}.</summary>
public sealed record UpdateUserRequest(IReadOnlyList<string>? Roles, bool? IsActive, string? FirstName, string? LastName);
