using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;
using FluentValidation;

namespace Catalog.Application.Products.Queries.GetLowStockProducts;

/// <summary>Live products at or under their low-stock threshold, lowest stock first (idx_products_low_stock).</summary>
[Authorize(Permissions.ProductsRead)]
public sealed record GetLowStockProductsQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<LowStockProduct>>;

public sealed record LowStockProduct(Guid Id, string Name, string Slug, string? Sku, string Status, bool IsActive, int StockQuantity, int LowStockThreshold);

public sealed class GetLowStockProductsQueryValidator : AbstractValidator<GetLowStockProductsQuery>
{
    public GetLowStockProductsQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
}

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
        var key = new Key(Guid.Empty, 0);
        if (request.Cursor is not null)
        {
            var decoded = cursors.Decode<Key>(Scope, request.Cursor);
            if (decoded.IsFailure)
            {
                return decoded.Error!;
            }

            key = decoded.Value;
        }

        var limit = request.Limit ?? PageLimits.Default;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<LowStockProduct>(new CommandDefinition(Sql, new
        {
            HasKey = request.Cursor is not null,
            KStock = key.Stock,
            KId = key.Id,
            Take = limit + 1,
        }, cancellationToken: cancellationToken))).AsList();
        var next = rows.Count > limit ? cursors.Encode(Scope, new Key(rows[limit - 1].Id, rows[limit - 1].StockQuantity)) : null;
        return new Page<LowStockProduct>(rows.Take(limit).ToArray(), next);
    }

    private sealed record Key(Guid Id, int Stock);
}
