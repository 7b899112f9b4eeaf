using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Products.Queries.ExportProducts;

/// <summary>
/// Every live product matching the list's filters, in any status (drafts included), oldest first.
/// The rows are streamed: <see cref="ProductExport.Rows"/> reads them one by one from an unbuffered Dapper
/// query while the response is written, so an export of any size holds one row in memory at a time.
/// </summary>
[Authorize(Permissions.ProductsRead)]
public sealed record ExportProductsQuery(ProductFilter Filter, string? Format = null) : IQuery<ProductExport>;

public sealed record ProductExport(string Format, IAsyncEnumerable<ProductExportRow> Rows);

internal sealed class ExportProductsQueryHandler(IReadDbConnectionFactory connections) : IQueryHandler<ExportProductsQuery, ProductExport>
{
    private const string Columns = """
        p.id AS Id, p.name AS Name, p.slug AS Slug, p.sku AS Sku, p.barcode AS Barcode, p.status AS Status,
        p.is_active AS IsActive, p.is_featured AS IsFeatured, p.price AS Price, p.compare_at_price AS CompareAtPrice,
        p.cost AS Cost, p.stock_quantity AS StockQuantity, p.low_stock_threshold AS LowStockThreshold,
        p.weight AS Weight, p.category_id AS CategoryId, p.category_slug AS CategorySlug, p.brand_id AS BrandId,
        p.brand_slug AS BrandSlug, p.tags AS Tags, p.short_description AS ShortDescription,
        p.description AS Description, p.dimensions::text AS Dimensions, p.images::text AS Images,
        p.metadata::text AS Metadata, p.average_rating AS AverageRating, p.review_count AS ReviewCount,
        p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        """;

    public Task<Result<ProductExport>> Handle(ExportProductsQuery request, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var sql = $"SELECT {Columns} FROM {ProductSql.BackOfficeSource} {ProductSql.Where(request.Filter, parameters)} ORDER BY p.created_at, p.id";
        var format = request.Format ?? ProductExportFormats.Ndjson;
        return Task.FromResult<Result<ProductExport>>(new ProductExport(format, StreamAsync(sql, parameters, cancellationToken)));
    }

    private async IAsyncEnumerable<ProductExportRow> StreamAsync(string sql, DynamicParameters parameters, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<ProductExportRow>(sql, parameters).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
