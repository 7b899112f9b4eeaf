using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Products.Queries.GetLowStockProducts;

/// <summary>Live products at or under their low-stock threshold, lowest stock first (idx_products_low_stock).</summary>
[Authorize(Permissions.ProductsRead)]
public sealed record GetLowStockProductsQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<LowStockProduct>>;

public sealed record LowStockProduct(Guid Id, string Name, string Slug, string? Sku, string Status, bool IsActive, int StockQuantity, int LowStockThreshold);

internal sealed class GetLowStockProductsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors)
    : IQueryHandler<GetLowStockProductsQuery, Page<LowStockProduct>>
{
    private const string Scope = "products/low-stock";

    private const string Sql = """
        SELECT id AS Id, name AS Name, slug AS Slug, sku AS Sku, status AS Status, is_active AS IsActive,
               stock_quantity AS StockQuantity, low_stock_threshold AS LowStockThreshold
          FROM v_backoffice_products
         WHERE stock_quantity <= low_stock_threshold
           AND (NOT @HasKey OR (stock_quantity, id) > (@KStock, @KId))
         ORDER BY stock_quantity, id
         LIMIT @Take
        """;

    public async Task<Result<Page<LowStockProduct>>> Handle(GetLowStockProductsQuery request, CancellationToken cancellationToken)
    {
        var page = cursors.Start<Key>(Scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<LowStockProduct>(new CommandDefinition(Sql, new
        {
            keyset.HasKey,
            KStock = keyset.After?.Stock ?? 0,
            KId = keyset.After?.Id ?? Guid.Empty,
            keyset.Take,
        }, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => new Key(r.Id, r.StockQuantity), r => r);
    }

    private sealed record Key(Guid Id, int Stock);
}
