using System.Text;
using Catalog.Application.Common.Paging;
using Dapper;

namespace Catalog.Application.Products;

/// <summary>
/// Composes product list SQL from constant fragments; every value the caller gave travels as a parameter (the page
/// size, a validated integer, is written in: <see cref="PageLimits.LimitClause"/>).
/// The storefront reads <c>v_storefront_catalog</c>, that is <c>v_storefront_products</c> (the one storefront
/// visibility rule, ADR-084, whose product conditions match the partial keyset indexes), the back office
/// <c>v_backoffice_products</c> (every live product, any status).
/// </summary>
internal static class ProductSql
{
    public const string StorefrontSource = "v_storefront_catalog p";
    public const string BackOfficeSource = "v_backoffice_products p";
    public const string DeletedSource = "v_deleted_products p";

    public const string ListColumns = """
        p.id AS Id, p.name AS Name, p.slug AS Slug, p.short_description AS ShortDescription, p.price AS Price,
        p.compare_at_price AS CompareAtPrice, p.brand_id AS BrandId, p.brand_name AS BrandName, p.brand_slug AS BrandSlug,
        p.category_id AS CategoryId, p.category_name AS CategoryName, p.category_slug AS CategorySlug, p.tags AS Tags,
        p.images::text AS Images, p.is_featured AS IsFeatured, (p.stock_quantity > 0) AS InStock,
        p.average_rating AS AverageRating, p.review_count AS ReviewCount, p.created_at AS CreatedAt
        """;

    private const string QueryFilter = " AND p.search_vector @@ catalog_search_tsquery(@Q)";

    // The category of a category filter: a live one, by id or slug.
    private const string SubtreeRoot = """
        (SELECT r.id FROM v_categories r
          WHERE r.id = @CategoryId OR r.slug = @Category
          LIMIT 1)
        """;

    // A category and all its descendants (back-office lists, relevance): one GIN lookup on the materialised path
    // (idx_categories_path).
    private const string CategoryFilter = $" AND p.category_id IN (SELECT d.id FROM v_categories d WHERE d.path @> ARRAY[{SubtreeRoot}])";

    /// <summary>
    /// A storefront product page of one category subtree in a keyset sort (ADR-108, ADR-112): one index range of
    /// <c>category_subtree_products</c>, which holds the list rows of <see cref="StorefrontSource"/> (the visibility
    /// rule and the list's shape, copied by triggers) under each category of a product's path, read in the sort's order
    /// and stopped by the LIMIT; no other table is read, except <c>products</c> for a search term.
    /// <paramref name="columns"/>, <paramref name="where"/> (without the category filter; with the cursor) and
    /// <paramref name="orderBy"/> are written on <c>p</c>, as for <see cref="StorefrontSource"/>: the table has the
    /// same column names, with the subtree's category in <c>subtree_id</c>.
    /// </summary>
    public static string StorefrontCategoryPage(string columns, string where, string orderBy, int take) => OnSubtreeRows($"""
        SELECT {columns}
          FROM category_subtree_products p
          {where.Replace(QueryFilter, QueryOnProduct, StringComparison.Ordinal)} AND p.subtree_id = {SubtreeRoot}
         ORDER BY {orderBy} {PageLimits.LimitClause(take)}
        """);

    // The search vector stays on products: a category page with a search term tests it there, by primary key.
    private const string QueryOnProduct = " AND EXISTS (SELECT 1 FROM products s WHERE s.id = p.id AND s.search_vector @@ catalog_search_tsquery(@Q))";

    private static string OnSubtreeRows(string sql) => sql.Replace("p.id", "p.product_id", StringComparison.Ordinal);

    private const string BrandFilter = """
         AND p.brand_id = (SELECT r.id FROM v_all_brands r
                            WHERE r.deleted_at IS NULL AND (r.id = @BrandId OR r.slug = @Brand)
                            LIMIT 1)
        """;

    /// <summary>
    /// The WHERE clause (starting with <c>WHERE TRUE</c>) of <paramref name="filter"/>, adding its parameters. Without
    /// <paramref name="categoryClause"/> the category's parameters are added but its condition is left to the caller
    /// (<see cref="StorefrontCategoryPage"/>).
    /// </summary>
    public static string Where(ProductFilter filter, DynamicParameters parameters, bool categoryClause = true)
    {
        var sql = new StringBuilder("WHERE TRUE");
        if (filter.HasQuery)
        {
            sql.Append(QueryFilter);
            parameters.Add("Q", filter.Q!.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            if (categoryClause)
            {
                sql.Append(CategoryFilter);
            }

            parameters.Add("Category", filter.Category);
            parameters.Add("CategoryId", Guid.TryParse(filter.Category, out var id) ? id : (Guid?)null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Brand))
        {
            sql.Append(BrandFilter);
            parameters.Add("Brand", filter.Brand);
            parameters.Add("BrandId", Guid.TryParse(filter.Brand, out var id) ? id : (Guid?)null);
        }

        Append(sql, parameters, " AND p.price >= @MinPrice", "MinPrice", filter.MinPrice);
        Append(sql, parameters, " AND p.price <= @MaxPrice", "MaxPrice", filter.MaxPrice);
        Append(sql, parameters, " AND p.is_featured = @Featured", "Featured", filter.Featured);
        Append(sql, parameters, " AND p.status = @Status", "Status", filter.IsDeletedList ? null : filter.Status);
        if (filter.InStock is { } inStock)
        {
            sql.Append(inStock ? " AND p.stock_quantity > 0" : " AND p.stock_quantity = 0");
        }

        if (filter.Tags is { Count: > 0 } tags)
        {
            sql.Append(" AND p.tags @> @Tags");
            parameters.Add("Tags", tags.ToArray());
        }

        return sql.ToString();
    }

    private static void Append<T>(StringBuilder sql, DynamicParameters parameters, string fragment, string name, T? value)
    {
        if (value is not null)
        {
            sql.Append(fragment);
            parameters.Add(name, value);
        }
    }
}
