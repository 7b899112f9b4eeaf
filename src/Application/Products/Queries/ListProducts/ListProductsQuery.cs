using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Products.Queries.ListProducts;

/// <summary>
/// A keyset page of products. Without <see cref="ProductFilter.Status"/> it is the storefront list (published,
/// active, live); with it, a back-office list of that status (drafts, products in review, ...) for products:read, or
/// with <see cref="ProductFilter.Deleted"/> the soft-deleted products (any status).
/// </summary>
public sealed record ListProductsQuery(ProductFilter Filter, string? Sort = null, int? Limit = null, string? Cursor = null) : IQuery<Page<ProductListItem>>;

internal sealed class ListProductsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors, ICurrentUser currentUser)
    : IQueryHandler<ListProductsQuery, Page<ProductListItem>>
{
    public async Task<Result<Page<ProductListItem>>> Handle(ListProductsQuery request, CancellationToken cancellationToken)
    {
        var backOffice = request.Filter.Status is not null;
        if (backOffice && !currentUser.HasPermission(Permissions.ProductsRead))
        {
            return currentUser.IsAuthenticated ? Error.Forbidden("Listing products by status requires 'products:read'.") : Error.Unauthorized();
        }

        var sort = ProductSort.Resolve(request.Sort, request.Filter.HasQuery);
        var deleted = request.Filter.IsDeletedList;
        var scope = $"products/{(deleted ? "deleted" : backOffice ? "backoffice" : "storefront")}/{sort.Name}";
        var parameters = new DynamicParameters();
        // A storefront page of a category subtree in a keyset sort has its own statement (ProductSql.StorefrontCategoryPage).
        var categoryPage = !backOffice && sort.Name != ProductSort.Relevance && !string.IsNullOrWhiteSpace(request.Filter.Category);
        var where = ProductSql.Where(request.Filter, parameters, categoryClause: !categoryPage);
        var page = cursors.Start<ProductCursor>(scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        if (keyset.After is { } after)
        {
            where += " AND " + sort.After;
            AddKey(parameters, after);
        }

        var columns = ProductSql.ListColumns
            + (backOffice ? ", p.status AS Status" : string.Empty)
            + (sort.Name == ProductSort.Relevance ? $", {ProductSort.RankExpression} AS Rank" : string.Empty);
        var sql = categoryPage
            ? ProductSql.StorefrontCategoryPage(columns, where, sort.OrderBy, keyset.Take)
            : $"SELECT {columns} FROM {(deleted ? ProductSql.DeletedSource : backOffice ? ProductSql.BackOfficeSource : ProductSql.StorefrontSource)} {where} ORDER BY {sort.OrderBy} {PageLimits.LimitClause(keyset.Take)}";

        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ProductListRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => r.ToCursor(sort.Name), r => r.ToItem());
    }

    private static void AddKey(DynamicParameters parameters, ProductCursor key)
    {
        parameters.Add("KId", key.Id);
        parameters.Add("KPrice", key.Price ?? 0m);
        parameters.Add("KName", key.Name ?? string.Empty);
        parameters.Add("KCreatedAt", key.CreatedAt is { } createdAt ? DateTime.SpecifyKind(createdAt, DateTimeKind.Utc) : DateTime.UnixEpoch);
        parameters.Add("KRating", key.Rating ?? 0m);
        parameters.Add("KRank", key.Rank ?? 0f);
    }
}
