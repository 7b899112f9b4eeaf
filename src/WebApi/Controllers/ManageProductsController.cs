using Catalog.Application.Products.Commands.ArchiveProduct;
using Catalog.Application.Products.Commands.PublishProduct;
using Catalog.Application.Products.Commands.RejectProduct;
using Catalog.Application.Products.Commands.SubmitProductForReview;
using Catalog.Application.Products.Commands.UnarchiveProduct;
using Catalog.Application.Products.Commands.UnpublishProduct;
using Catalog.Application.Products.Commands;
using Catalog.Application.Products.Commands.AdjustStock;
using Catalog.Application.Products.Commands.CreateProduct;
using Catalog.Application.Products.Commands.DeleteProduct;
using Catalog.Application.Products.Commands.ImportProducts;
using Catalog.Application.Products.Commands.RestoreProduct;
using Catalog.Application.Products.Commands.UpdateProduct;
using Catalog.Application.Products;
using Catalog.WebApi.Hardening;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;

namespace Catalog.WebApi.Controllers;

/// <summary>The write side of /products (the reads live in ProductsController).</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/products")]
public sealed class ManageProductsController : ApiControllerBase
{
    /// <summary>Creates a product in draft (products:write): 201 with Location and ETag.</summary>
    [HttpPost]
    [EndpointName("createProduct")]
    [EndpointSummary("Create a product (as a draft)")]
    [AuthorizeAs<CreateProductCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateProductCommand command, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(command, cancellationToken), product =>
        {
            Response.Headers.ETag = ETags.Format(product.Version);
            return Created($"/api/v1/products/{product.Id}", product);
        });

    /// <summary>Replaces a product's writable fields (products:write); needs If-Match.</summary>
    [HttpPut("{idOrSlug:guid}")]
    [EndpointName("updateProduct")]
    [EndpointSummary("Replace a product")]
    [AuthorizeAs<UpdateProductCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Update([FromRoute(Name = "idOrSlug")] Guid id, UpdateProductCommand command, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(command with { Id = id, IfMatch = IfMatchHeader.Read(Request) }, cancellationToken));

    /// <summary>Soft-deletes a product (products:delete); needs If-Match.</summary>
    [HttpDelete("{idOrSlug:guid}")]
    [EndpointName("deleteProduct")]
    [EndpointSummary("Delete a product")]
    [AuthorizeAs<DeleteProductCommand>]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status412PreconditionFailed)]
    [ProducesResponseType(StatusCodes.Status428PreconditionRequired)]
    public async Task<IActionResult> Delete([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        NoContentFromResult(await Mediator.Send(new DeleteProductCommand(id, IfMatchHeader.Read(Request)), cancellationToken));

    /// <summary>Restores a soft-deleted product (products:delete).</summary>
    [HttpPost("{idOrSlug:guid}/restore")]
    [EndpointName("restoreProduct")]
    [EndpointSummary("Restore a deleted product")]
    [AuthorizeAs<RestoreProductCommand>]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Restore([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new RestoreProductCommand(id), cancellationToken));

    /// <summary>draft or rejected → in_review (products:write).</summary>
    [HttpPost("{idOrSlug:guid}/submit-for-review")]
    [EndpointName("submitProductForReview")]
    [EndpointSummary("Submit a product for review")]
    [AuthorizeAs<SubmitProductForReviewCommand>]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> SubmitForReview([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new SubmitProductForReviewCommand(id), cancellationToken));

    /// <summary>draft or in_review → published (products:publish).</summary>
    [HttpPost("{idOrSlug:guid}/publish")]
    [EndpointName("publishProduct")]
    [EndpointSummary("Publish a product")]
    [AuthorizeAs<PublishProductCommand>]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Publish([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new PublishProductCommand(id), cancellationToken));

    /// <summary>published → draft (products:publish).</summary>
    [HttpPost("{idOrSlug:guid}/unpublish")]
    [EndpointName("unpublishProduct")]
    [EndpointSummary("Unpublish a product")]
    [AuthorizeAs<UnpublishProductCommand>]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Unpublish([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new UnpublishProductCommand(id), cancellationToken));

    /// <summary>in_review → rejected with a remark (products:publish).</summary>
    [HttpPost("{idOrSlug:guid}/reject")]
    [EndpointName("rejectProduct")]
    [EndpointSummary("Reject a product in review")]
    [AuthorizeAs<RejectProductCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Reject([FromRoute(Name = "idOrSlug")] Guid id, RejectBody body, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new RejectProductCommand(id, body.Remark ?? string.Empty), cancellationToken));

    /// <summary>Any status → archived (products:publish).</summary>
    [HttpPost("{idOrSlug:guid}/archive")]
    [EndpointName("archiveProduct")]
    [EndpointSummary("Archive a product")]
    [AuthorizeAs<ArchiveProductCommand>]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Archive([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new ArchiveProductCommand(id), cancellationToken));

    /// <summary>archived → draft (products:publish).</summary>
    [HttpPost("{idOrSlug:guid}/unarchive")]
    [EndpointName("unarchiveProduct")]
    [EndpointSummary("Return an archived product to draft")]
    [AuthorizeAs<UnarchiveProductCommand>]
    [ProducesResponseType<ProductResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Unarchive([FromRoute(Name = "idOrSlug")] Guid id, CancellationToken cancellationToken) =>
        WithETag(await Mediator.Send(new UnarchiveProductCommand(id), cancellationToken));

    /// <summary>Adds a delta to the stock atomically (products:write): 200 {stockQuantity}; below zero → 409.</summary>
    [HttpPost("{idOrSlug:guid}/stock")]
    [EndpointName("adjustProductStock")]
    [EndpointSummary("Adjust a product's stock")]
    [AuthorizeAs<AdjustStockCommand>]
    [Consumes("application/json")]
    [ProducesResponseType<StockResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> AdjustStock([FromRoute(Name = "idOrSlug")] Guid id, StockBody body, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new AdjustStockCommand(id, body.Delta, body.Reason), cancellationToken));

    /// <summary>
    /// Upserts products by SKU from NDJSON or CSV (products:write), up to 10,000 rows: 200 {created, updated, failed, errors}.
    /// Bad rows are reported and leave nothing behind; good rows commit. The body is read as a stream, after the caller
    /// was authorized; a file over a limit is refused (400/413) at its first offending row with nothing written.
    /// </summary>
    [HttpPost("import")]
    [EndpointName("importProducts")]
    [EndpointSummary("Import products from NDJSON or CSV")]
    [AuthorizeAs<ImportProductsCommand>]
    [StreamedBody]
    [Consumes("application/x-ndjson", "text/csv")]
    [RequestSizeLimit(ImportMaxBytes)]
    [ProducesResponseType<ImportResult>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IActionResult> Import(CancellationToken cancellationToken)
    {
        var mediaType = Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        ProductImportFormat? format = mediaType switch
        {
            "application/x-ndjson" => ProductImportFormat.Ndjson,
            "text/csv" => ProductImportFormat.Csv,
            _ => null,
        };
        return format is null
            ? Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: "Send application/x-ndjson or text/csv.")
            : FromResult(await Mediator.Send(new ImportProductsCommand(new ProductImportFile(Request.Body, format.Value)), cancellationToken));
    }

    /// <summary>The one endpoint that takes large bodies: 10,000 rows of up to ~3 KB each.</summary>
    public const long ImportMaxBytes = 32L * 1024 * 1024;

    private IActionResult WithETag(Domain.Common.Result<ProductResponse> result) =>
        FromResult(result, product =>
        {
            Response.Headers.ETag = ETags.Format(product.Version);
            return Ok(product);
        });

    public sealed record RejectBody(string? Remark);

    public sealed record StockBody(int Delta, string? Reason);
}
