using Catalog.Application.Categories.Commands;
using Catalog.Application.Categories.Commands.CreateCategory;
using Catalog.Application.Categories.Commands.DeleteCategory;
using Catalog.Application.Categories.Commands.MoveCategory;
using Catalog.Application.Categories.Commands.RestoreCategory;
using Catalog.Application.Categories.Commands.UpdateCategory;
using Catalog.Application.Categories;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

/// <summary>The write side of /categories (the reads live in CategoriesController).</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/categories")]
public sealed class ManageCategoriesController : ApiControllerBase
{
    /// <summary>Creates a category (categories:write): 201 with Location and ETag.</summary>
    [HttpPost]
    [EndpointName("createCategory")]
    [EndpointSummary("Create a category")]
    [AuthorizeAs<CreateCategoryCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<CategoryResponse>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create(CreateCategoryCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken), category =>
        {
            Response.Headers.ETag = ETags.Format(category.Version);
            return Created($"/api/v1/categories/{category.Id}", category);
        });

    /// <summary>Replaces a category (categories:write); needs If-Match. A new parentId moves it.</summary>
    [HttpPut("{idOrSlug:guid}")]
    [EndpointName("updateCategory")]
    [EndpointSummary("Replace a category")]
    [AuthorizeAs<UpdateCategoryCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<CategoryResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Update([FromRoute(Name = "idOrSlug")] Guid id, UpdateCategoryCommand command, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(command with { Id = id, IfMatch = IfMatchHeader.Read(Request) }, cancellationToken));

    /// <summary>Soft-deletes a category without live children or products (categories:delete); needs If-Match.</summary>
    [HttpDelete("{idOrSlug:guid}")]
    [EndpointName("deleteCategory")]
    [EndpointSummary("Delete a category")]
    [AuthorizeAs<DeleteCategoryCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Delete([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new DeleteCategoryCommand(id, IfMatchHeader.Read(Request)), cancellationToken));

    /// <summary>Moves a category {parentId, sortOrder} (categories:write); a cycle or a too-deep tree → 409.</summary>
    [HttpPost("{idOrSlug:guid}/move")]
    [EndpointName("moveCategory")]
    [EndpointSummary("Move a category")]
    [AuthorizeAs<MoveCategoryCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<CategoryResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Move([FromRoute(Name = "idOrSlug")] Guid id, MoveBody body, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new MoveCategoryCommand(id, body.ParentId, body.SortOrder ?? 0, IfMatchHeader.Read(Request)), cancellationToken));

    /// <summary>Restores a soft-deleted category (categories:delete); If-Match optional. Not deleted, slug taken meanwhile or parent deleted → 409.</summary>
    [HttpPost("{idOrSlug:guid}/restore")]
    [EndpointName("restoreCategory")]
    [EndpointSummary("Restore a deleted category")]
    [AuthorizeAs<RestoreCategoryCommand>]
    [ProducesResponseType<CategoryResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    public async Task<IActionResult> Restore([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new RestoreCategoryCommand(id, IfMatchHeader.Read(Request)), cancellationToken));

    private IActionResult WithETag(Domain.Common.Result<CategoryResponse> result) =>
        FromResult(result, category =>
        {
            Response.Headers.ETag = ETags.Format(category.Version);
            return Ok(category);
        });

    public sealed record MoveBody(Guid? ParentId, int? SortOrder);
}
