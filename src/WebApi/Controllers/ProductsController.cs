using Catalog.Application.Common.Paging;
using Catalog.Application.Products.Queries.ExportProducts;
using Catalog.Application.Products.Queries.GetLowStockProducts;
using Catalog.Application.Products.Queries.GetProduct;
using Catalog.Application.Products.Queries.ListProducts;
using Catalog.Application.Products.Queries.SearchProducts;
using Catalog.Application.Products;
using Catalog.WebApi.Caching;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Catalog.WebApi.Security;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.WebApi.Controllers;

/// <summary>Product reads: the storefront list, search and detail, and the back-office lists and export.</summary>
[ApiVersion("1.0")]
[Route("api/v{version:apiVersion}/products")]
public sealed class ProductsController : ApiControllerBase
{
    /// <summary>
    /// A keyset page of products. Anonymous: published, active products only. With <c>status</c>
    /// (products:read): a back-office list of that status, e.g. <c>status=draft</c> or <c>status=in_review</c>.
    /// </summary>
    [HttpGet]
    [EndpointName("listProducts")]
    [EndpointSummary("List products")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<Page<ProductListItem>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(
        [FromQuery] string? q,
        [FromQuery] string? category,
        [FromQuery] string? brand,
        [FromQuery] decimal? minPrice,
        [FromQuery] decimal? maxPrice,
        [FromQuery] string[]? tags,
        [FromQuery] bool? featured,
        [FromQuery] bool? inStock,
        [FromQuery] string? status,
        [FromQuery] string? sort,
        [FromQuery] int? limit,
        [FromQuery] string? cursor,
        CancellationToken cancellationToken)
    {
        var filter = new ProductFilter(q, category, brand, minPrice, maxPrice, ProductFilter.SplitTags(tags), featured, inStock, status);
        return FromResult(await Mediator.Send(new ListProductsQuery(filter, sort, limit, cursor), cancellationToken));
    }

    /// <summary>Full-text search ranked by relevance (names weigh more than descriptions), with prefix and typo-tolerant matching.</summary>
    [HttpGet("search")]
    [EndpointName("searchProducts")]
    [EndpointSummary("Search products")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<IReadOnlyList<ProductSearchHit>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Search([FromQuery] string? q, [FromQuery] int? limit, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new SearchProductsQuery(q, limit), cancellationToken));

    /// <summary>Products at or under their low-stock threshold (products:read).</summary>
    [HttpGet("low-stock")]
    [EndpointName("listLowStockProducts")]
    [EndpointSummary("List products low on stock")]
    [AuthorizeAs<GetLowStockProductsQuery>]
    [CatalogRead]
    [ProducesResponseType<Page<LowStockProduct>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> LowStock([FromQuery] int? limit, [FromQuery] string? cursor, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetLowStockProductsQuery(limit, cursor), cancellationToken));

    /// <summary>Every product matching the list's filters, drafts included, streamed as NDJSON or CSV (products:read).</summary>
    [HttpGet("export")]
    [EndpointName("exportProducts")]
    [EndpointSummary("Export products as NDJSON or CSV")]
    [AuthorizeAs<ExportProductsQuery>]
    [CatalogRead]
    [Produces("application/x-ndjson", "text/csv")]
    [ProducesResponseType<Stream>(StatusCodes.Status200OK, "application/x-ndjson", "text/csv")]
    public async Task<IActionResult> Export(
        [FromQuery] string? format,
        [FromQuery] string? q,
        [FromQuery] string? category,
        [FromQuery] string? brand,
        [FromQuery] decimal? minPrice,
        [FromQuery] decimal? maxPrice,
        [FromQuery] string[]? tags,
        [FromQuery] bool? featured,
        [FromQuery] bool? inStock,
        [FromQuery] string? status,
        CancellationToken cancellationToken)
    {
        var filter = new ProductFilter(q, category, brand, minPrice, maxPrice, ProductFilter.SplitTags(tags), featured, inStock, status);
        var result = await Mediator.Send(new ExportProductsQuery(filter, format), cancellationToken);
        return FromResult(result, export => new ProductExportResult(export));
    }

    /// <summary>One product by id or slug; <c>cost</c> and internal fields (and unpublished products) only with products:read.</summary>
    [HttpGet("{idOrSlug}")]
    [EndpointName("getProduct")]
    [EndpointSummary("Get a product by id or slug")]
    [AllowAnonymous]
    [CatalogRead]
    [ProducesResponseType<ProductDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string idOrSlug, CancellationToken cancellationToken) =>
        FromResult(await Mediator.Send(new GetProductQuery(idOrSlug), cancellationToken), product => this.OkWithETag<object>(product, product.Version));

    /// <summary>Writes the export row by row as the database produces it.</summary>
    private sealed class ProductExportResult(ProductExport export) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.ContentType = ProductExportFormats.ContentType(export.Format);
            response.Headers.ContentDisposition = $"attachment; filename=\"products.{export.Format}\"";
            await ProductExportFormats.WriteAsync(export, response.Body, context.HttpContext.RequestAborted);
        }
    }
}
