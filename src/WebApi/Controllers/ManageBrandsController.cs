using Catalog.Application.Brands;
using Catalog.Application.Brands.Commands.CreateBrand;
using Catalog.Application.Brands.Commands.DeleteBrand;
using Catalog.Application.Brands.Commands.RestoreBrand;
using Catalog.Application.Brands.Commands.SetBrandArchived;
using Catalog.Application.Brands.Commands.UpdateBrand;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

/// <summary>The write side of /brands (the reads live in BrandsController).</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/brands")]
public sealed class ManageBrandsController : ApiControllerBase
{
    /// <summary>Creates a brand (brands:write): 201 with Location and ETag.</summary>
    [HttpPost]
    [EndpointName("createBrand")]
    [EndpointSummary("Create a brand")]
    [AuthorizeAs<CreateBrandCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateBrandCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken), brand =>
        {
            Response.Headers.ETag = ETags.Format(brand.Version);
            return Created($"/api/v1/brands/{brand.Id}", brand);
        });

    /// <summary>Replaces a brand (brands:write); needs If-Match.</summary>
    [HttpPut("{idOrSlug:guid}")]
    [EndpointName("updateBrand")]
    [EndpointSummary("Replace a brand")]
    [AuthorizeAs<UpdateBrandCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Update([FromRoute(Name = "idOrSlug")] Guid id, UpdateBrandCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command with { Id = id, IfMatch = IfMatchHeader.Read(Request) }, cancellationToken), brand =>
        {
            Response.Headers.ETag = ETags.Format(brand.Version);
            return Ok(brand);
        });

    /// <summary>Soft-deletes a brand (brands:delete); needs If-Match.</summary>
    [HttpDelete("{idOrSlug:guid}")]
    [EndpointName("deleteBrand")]
    [EndpointSummary("Delete a brand")]
    [AuthorizeAs<DeleteBrandCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Delete([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new DeleteBrandCommand(id, IfMatchHeader.Read(Request)), cancellationToken));

    /// <summary>Restores a soft-deleted brand (brands:delete); If-Match optional. Not deleted or slug taken meanwhile → 409.</summary>
    [HttpPost("{idOrSlug:guid}/restore")]
    [EndpointName("restoreBrand")]
    [EndpointSummary("Restore a deleted brand")]
    [AuthorizeAs<RestoreBrandCommand>]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    public async Task<IActionResult> Restore([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new RestoreBrandCommand(id, IfMatchHeader.Read(Request)), cancellationToken), brand =>
        {
            Response.Headers.ETag = ETags.Format(brand.Version);
            return Ok(brand);
        });

    /// <summary>
    /// Archives a brand (brands:write); needs If-Match. It and its products leave every storefront read; staff still
    /// read them. Already archived → 409.
    /// </summary>
    [HttpPost("{idOrSlug:guid}/archive")]
    [EndpointName("archiveBrand")]
    [EndpointSummary("Archive a brand")]
    [AuthorizeAs<SetBrandArchivedCommand>]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Archive([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new SetBrandArchivedCommand(id, Archived: true, IfMatchHeader.Read(Request)), cancellationToken), brand =>
        {
            Response.Headers.ETag = ETags.Format(brand.Version);
            return Ok(brand);
        });

    /// <summary>Puts an archived brand and its products back on the storefront (brands:write); needs If-Match. Not archived → 409.</summary>
    [HttpPost("{idOrSlug:guid}/unarchive")]
    [EndpointName("unarchiveBrand")]
    [EndpointSummary("Unarchive a brand")]
    [AuthorizeAs<SetBrandArchivedCommand>]
    [ProducesResponseType<BrandResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Unarchive([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new SetBrandArchivedCommand(id, Archived: false, IfMatchHeader.Read(Request)), cancellationToken), brand =>
        {
            Response.Headers.ETag = ETags.Format(brand.Version);
            return Ok(brand);
        });
}
