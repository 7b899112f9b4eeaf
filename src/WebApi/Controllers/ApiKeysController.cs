using Catalog.Application.ApiKeys;
using Catalog.Application.ApiKeys.Commands.CreateApiKey;
using Catalog.Application.ApiKeys.Commands.RevokeApiKey;
using Catalog.Application.ApiKeys.Commands.RotateApiKey;
using Catalog.Application.ApiKeys.Queries.GetApiKey;
using Catalog.Application.ApiKeys.Queries.ListApiKeys;
using Catalog.Application.Common.Paging;
using Catalog.WebApi.Infrastructure;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.WebApi.Controllers;

/// <summary>The caller's API keys. The key itself appears only in the answers of create and rotate.</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/api-keys")]
[NoStore]
public sealed class ApiKeysController : ApiControllerBase
{
    [HttpPost]
    [EndpointName("createApiKey")]
    [EndpointSummary("Create an API key")]
    [AuthorizeAs<CreateApiKeyCommand>]
    [ReturnsSecret]
    [Consumes("application/json")]
    [ProducesResponseType<ApiKeySecretResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateApiKeyRequest body, CancellationToken cancellationToken) =>
        FromResult(
            await Mediator.Send(new CreateApiKeyCommand(body.Name ?? string.Empty, body.Permissions ?? [], body.RateLimit, body.ExpiresAt), cancellationToken),
            key => CreatedAtAction(nameof(Get), new { version = "1", id = key.Id }, key));

    [HttpGet]
    [EndpointName("listApiKeys")]
    [EndpointSummary("List your API keys")]
    [AuthorizeAs<ListApiKeysQuery>]
    [ProducesResponseType<Page<ApiKeyResponse>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new ListApiKeysQuery(limit, cursor), cancellationToken));

    [HttpGet("{id:guid}")]
    [EndpointName("getApiKey")]
    [EndpointSummary("Get one of your API keys")]
    [AuthorizeAs<GetApiKeyQuery>]
    [ProducesResponseType<ApiKeyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetApiKeyQuery(id), cancellationToken));

    /// <summary>Revokes the key (soft delete).</summary>
    [HttpDelete("{id:guid}")]
    [EndpointName("revokeApiKey")]
    [EndpointSummary("Revoke an API key")]
    [AuthorizeAs<RevokeApiKeyCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Revoke(Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new RevokeApiKeyCommand(id), cancellationToken));

    /// <summary>Issues a new secret for the key; the old one stops working.</summary>
    [HttpPost("{id:guid}/rotate")]
    [EndpointName("rotateApiKey")]
    [EndpointSummary("Rotate an API key's secret")]
    [AuthorizeAs<RotateApiKeyCommand>]
    [ReturnsSecret]
    [ProducesResponseType<ApiKeySecretResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Rotate(Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new RotateApiKeyCommand(id), cancellationToken));
}

/// <summary>The body of POST /api-keys.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Permissions, int? RateLimit, DateTimeOffset? ExpiresAt);
