using System.Data;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Products.Queries.GetProduct;

/// <summary>
/// One product by id or slug. Anonymous callers see it only when the storefront may (published, active, live);
/// callers with products:read see every live product, with its internal fields.
/// </summary>
public sealed record GetProductQuery(string IdOrSlug) : IQuery<ProductDetail>;

/// <remarks>
/// Reads <c>v_product_detail</c> (staff, partners) or <c>v_storefront_product_detail</c> (anonymous callers; R050, R055): the product with its brand, category and breadcrumb, the breadcrumb
/// as three parallel arrays which Npgsql reads directly. Metadata, which only the back-office detail shows, is read only
/// for it. A key that is not GUID-shaped can only be a slug: that statement matches the slug alone, and its prepared
/// (generic) plan is one index scan; matching <c>id = @Id OR slug = @Slug</c> for every key planned as a BitmapOr and
/// cost PostgreSQL about a quarter more per request (ADR-073). A GUID-shaped key may still be a slug, so it matches both.
/// </remarks>
internal sealed class GetProductQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser)
    : IQueryHandler<GetProductQuery, ProductDetail>
{
    private const string Select = """
        SELECT d.id AS Id, d.name AS Name, d.slug AS Slug, d.description AS Description,
               d.short_description AS ShortDescription, d.price AS Price, d.compare_at_price AS CompareAtPrice,
               d.cost AS Cost, d.sku AS Sku, d.barcode AS Barcode, d.stock_quantity AS StockQuantity,
               d.low_stock_threshold AS LowStockThreshold, d.weight AS Weight, d.dimensions::text AS Dimensions,
               d.images::text AS Images, d.tags AS Tags, CASE WHEN @All THEN d.metadata::text END AS Metadata,
               d.is_active AS IsActive, d.is_featured AS IsFeatured, d.status AS Status, d.review_remark AS ReviewRemark,
               d.submitted_at AS SubmittedAt, d.published_at AS PublishedAt, d.average_rating AS AverageRating,
               d.review_count AS ReviewCount, d.rating_counts AS RatingCounts, d.created_at AS CreatedAt,
               d.updated_at AS UpdatedAt, d.brand_id AS BrandId, d.brand_name AS BrandName, d.brand_slug AS BrandSlug,
               d.category_id AS CategoryId, d.category_name AS CategoryName, d.category_slug AS CategorySlug,
               d.breadcrumb_ids AS BreadcrumbIds, d.breadcrumb_names AS BreadcrumbNames,
               d.breadcrumb_slugs AS BreadcrumbSlugs, d.version AS Version
        """;

    private const string BySlug = " WHERE d.slug = @Slug LIMIT 1";
    private const string ByIdOrSlug = " WHERE (d.id = @Id OR d.slug = @Slug) LIMIT 1";

    // Staff and partners read every live product; anonymous callers the storefront's (v_storefront_product_detail,
    // the same columns joined to v_storefront_products). Two statements, not one with "@All OR visible": that OR kept
    // the rule as a SubPlan the planner could not turn into a join, ~15 % of the detail's PostgreSQL time (ADR-084).
    private const string AllBySlugSql = Select + " FROM v_product_detail d" + BySlug;
    private const string AllByIdOrSlugSql = Select + " FROM v_product_detail d" + ByIdOrSlug;
    private const string StorefrontBySlugSql = Select + " FROM v_storefront_product_detail d" + BySlug;
    private const string StorefrontByIdOrSlugSql = Select + " FROM v_storefront_product_detail d" + ByIdOrSlug;

    public async Task<Result<ProductDetail>> Handle(GetProductQuery request, CancellationToken cancellationToken)
    {
        var all = currentUser.HasPermission(Permissions.ProductsRead);
        var command = Guid.TryParse(request.IdOrSlug, out var id)
            ? new CommandDefinition(all ? AllByIdOrSlugSql : StorefrontByIdOrSlugSql, new { Id = id, Slug = request.IdOrSlug, All = all }, commandType: CommandType.Text, cancellationToken: cancellationToken)
            : new CommandDefinition(all ? AllBySlugSql : StorefrontBySlugSql, new { Slug = request.IdOrSlug, All = all }, commandType: CommandType.Text, cancellationToken: cancellationToken);
        ProductDetailRow? row;
        // Back to the pool before the row is mapped: 16 requests share the read pool's few connections.
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            row = await connection.QuerySingleOrDefaultAsync<ProductDetailRow>(command);
        }

        if (row is null)
        {
            return Error.NotFound("product", request.IdOrSlug);
        }

        return all ? row.ToBackOfficeDetail() : row.ToDetail();
    }
}
