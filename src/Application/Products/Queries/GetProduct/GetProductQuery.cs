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
/// The breadcrumb is <c>category_breadcrumb()</c> of 0030 written inline as a lateral subquery: called as a function
/// it ran as a second statement per request (a scalar SQL function with an aggregate is not inlined by the planner).
/// It comes back as three parallel arrays, which Npgsql reads directly, rather than as JSON text to parse; metadata,
/// which only the back-office detail shows, is read only for it.
/// </remarks>
internal sealed class GetProductQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser)
    : IQueryHandler<GetProductQuery, ProductDetail>
{
    private const string Sql = """
        SELECT p.id AS Id, p.name AS Name, p.slug AS Slug, p.description AS Description,
               p.short_description AS ShortDescription, p.price AS Price, p.compare_at_price AS CompareAtPrice,
               p.cost AS Cost, p.sku AS Sku, p.barcode AS Barcode, p.stock_quantity AS StockQuantity,
               p.low_stock_threshold AS LowStockThreshold, p.weight AS Weight, p.dimensions::text AS Dimensions,
               p.images::text AS Images, p.tags AS Tags, CASE WHEN @All THEN p.metadata::text END AS Metadata, p.is_active AS IsActive,
               p.is_featured AS IsFeatured, p.status AS Status, p.review_remark AS ReviewRemark,
               p.submitted_at AS SubmittedAt, p.published_at AS PublishedAt, p.average_rating AS AverageRating,
               p.review_count AS ReviewCount, p.rating_counts AS RatingCounts, p.created_at AS CreatedAt,
               p.updated_at AS UpdatedAt, b.id AS BrandId, b.name AS BrandName, b.slug AS BrandSlug,
               c.id AS CategoryId, c.name AS CategoryName, c.slug AS CategorySlug,
               crumbs.ids AS BreadcrumbIds, crumbs.names AS BreadcrumbNames, crumbs.slugs AS BreadcrumbSlugs,
               p.xmin::text::bigint AS Version
          FROM products p
          LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL
          LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
          CROSS JOIN LATERAL (
              SELECT array_agg(a.id ORDER BY t.ord) AS ids, array_agg(a.name ORDER BY t.ord) AS names, array_agg(a.slug ORDER BY t.ord) AS slugs
                FROM unnest(c.path) WITH ORDINALITY AS t(id, ord)
                JOIN categories a ON a.id = t.id AND a.deleted_at IS NULL) crumbs
         WHERE p.deleted_at IS NULL
           AND (p.id = @Id OR p.slug = @Slug)
           AND (@All OR (p.is_active AND p.status = 'published'
                         AND (p.brand_id IS NULL OR b.id IS NOT NULL)
                         AND (p.category_id IS NULL OR c.id IS NOT NULL)))
         LIMIT 1
        """;

    public async Task<Result<ProductDetail>> Handle(GetProductQuery request, CancellationToken cancellationToken)
    {
        var all = currentUser.HasPermission(Permissions.ProductsRead);
        Guid? id = Guid.TryParse(request.IdOrSlug, out var parsed) ? parsed : null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProductDetailRow>(new CommandDefinition(
            Sql, new { Id = id, Slug = request.IdOrSlug, All = all }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return Error.NotFound("product", request.IdOrSlug);
        }

        return all ? row.ToBackOfficeDetail() : row.ToDetail();
    }
}
