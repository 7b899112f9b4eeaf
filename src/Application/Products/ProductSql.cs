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
    /// A storefront product page of one category subtree in a keyset sort (ADR-108): one index range of
    /// <c>category_subtree_products</c> (every live product under each category, with its sort keys), read in the
    /// sort's order, each row joined to <see cref="StorefrontSource"/> (the visibility rule) and stopped by the LIMIT.
    /// <paramref name="where"/> must not hold the category filter; it holds the other filters on <c>p</c>, and
    /// <paramref name="closureWhere"/> (<see cref="ClosureWhere"/>) the same filters and the cursor on the copied
    /// columns, which bound the index range and spare the rows they reject a visit of the product.
    /// </summary>
    public static string StorefrontCategoryPage(string columns, string where, string closureWhere, ProductSort sort, int take) => $"""
        SELECT {columns}
          FROM category_subtree_products x
          JOIN {StorefrontSource} ON p.id = x.product_id
          {where} AND x.category_id = {SubtreeRoot}{closureWhere}
         ORDER BY {OnClosure(sort.OrderBy)} {PageLimits.LimitClause(take)}
        """;

    /// <summary>
    /// The conditions of <paramref name="filter"/> (and of the cursor, when <paramref name="after"/>) that the copied
    /// columns of <c>category_subtree_products x</c> can test: stock, featured, price and brand. Their parameters are
    /// those <see cref="Where"/> added.
    /// </summary>
    public static string ClosureWhere(ProductFilter filter, ProductSort sort, bool after)
    {
        var sql = new StringBuilder();
        if (filter.InStock is { } inStock)
        {
            sql.Append(inStock ? " AND x.stock_quantity > 0" : " AND x.stock_quantity = 0");
        }

        if (filter.Featured is not null)
        {
            sql.Append(" AND x.is_featured = @Featured");
        }

        if (filter.MinPrice is not null)
        {
            sql.Append(" AND x.price >= @MinPrice");
        }

        if (filter.MaxPrice is not null)
        {
            sql.Append(" AND x.price <= @MaxPrice");
        }

        if (!string.IsNullOrWhiteSpace(filter.Brand))
        {
            sql.Append(OnClosure(BrandFilter));
        }

        if (after)
        {
            sql.Append(" AND ").Append(OnClosure(sort.After));
        }

        return sql.ToString();
    }

    private static string OnClosure(string sql) => sql
        .Replace("p.id", "x.product_id", StringComparison.Ordinal)
        .Replace("p.", "x.", StringComparison.Ordinal);

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
