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

    // A category and all its descendants: one GIN lookup on the materialised path (idx_categories_path).
    private const string Subtree = """
        SELECT d.id FROM v_categories d
         WHERE d.path @> ARRAY[(SELECT r.id FROM v_categories r
                                 WHERE r.id = @CategoryId OR r.slug = @Category
                                 LIMIT 1)]
        """;

    private const string CategoryFilter = $" AND p.category_id IN ({Subtree})";

    /// <summary>
    /// Up to this many categories in the subtree, a storefront category page reads each category's own keyset index
    /// (<c>idx_products_storefront_category_*</c>) and merges; above it, it walks the sort's storefront index and
    /// keeps the rows of the subtree (a big subtree is dense in every index, a small one is not) — ADR-035.
    /// </summary>
    public const int NarrowSubtreeCategories = 64;

    private const string SubtreeSize = $"(SELECT count(*) FROM ({Subtree}) s)";

    /// <summary>
    /// A storefront product page of one category subtree in a keyset sort: one statement with two branches of which
    /// exactly one runs (one-time filters on the subtree's size). <paramref name="where"/> must not hold the category
    /// filter; it holds the other filters and the cursor condition.
    /// </summary>
    public static string StorefrontCategoryPage(string columns, string where, ProductSort sort, int take) => $"""
        SELECT * FROM (
            (SELECT {columns} FROM {StorefrontSource} {where}{CategoryFilter}
                AND {SubtreeSize} > {NarrowSubtreeCategories}
              ORDER BY {sort.OrderBy} {PageLimits.LimitClause(take)})
            UNION ALL
            (SELECT {columns} FROM {StorefrontSource}
              WHERE p.id IN (SELECT x.id
                               FROM ({Subtree}) sub
                              CROSS JOIN LATERAL (SELECT {KeyColumns(sort)}
                                                    FROM v_storefront_products p {where} AND p.category_id = sub.id
                                                   ORDER BY {sort.OrderBy} {PageLimits.LimitClause(take)}) x
                              ORDER BY {sort.OrderBy.Replace("p.", "x.", StringComparison.Ordinal)} {PageLimits.LimitClause(take)})
                AND {SubtreeSize} <= {NarrowSubtreeCategories}
              ORDER BY {sort.OrderBy} {PageLimits.LimitClause(take)})
        ) u
        ORDER BY {PageOrder(sort)} {PageLimits.LimitClause(take)}
        """;

    // The candidate's sort key only (the page's columns are read for the final rows): v_storefront_products tests only
    // columns the per-category index carries (brand_id, category_id), so with the filters' columns in it as well, the
    // candidates are read index-only (ADR-064).
    private static string KeyColumns(ProductSort sort) => string.Join(", ", sort.OrderBy.Split(',')
        .Select(part => part.Trim().Replace(" DESC", string.Empty, StringComparison.Ordinal)));

    // The sort over the page's output columns (their aliases fold to lower case).
    private static string PageOrder(ProductSort sort) => sort.OrderBy
        .Replace("p.created_at", "u.createdat", StringComparison.Ordinal)
        .Replace("p.average_rating", "u.averagerating", StringComparison.Ordinal)
        .Replace("p.", "u.", StringComparison.Ordinal);

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
