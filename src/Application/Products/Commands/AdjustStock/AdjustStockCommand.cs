using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands.AdjustStock;

/// <summary>
/// Adds <see cref="Delta"/> (negative to take stock out) in one atomic statement, so that concurrent adjustments
/// never lose an update nor drive the stock below zero (409).
/// </summary>
[Authorize(Permissions.ProductsWrite)]
public sealed record AdjustStockCommand(Guid Id, int Delta, string? Reason) : ICommand<StockResponse>;

internal sealed class AdjustStockCommandHandler(IProductRepository products, IAuditTrail audit, ICurrentUser currentUser)
    : ICommandHandler<AdjustStockCommand, StockResponse>
{
    public async Task<Result<StockResponse>> Handle(AdjustStockCommand request, CancellationToken cancellationToken)
    {
        var after = await products.TryAdjustStockAsync(request.Id, request.Delta, currentUser.UserId, cancellationToken);
        var product = await products.GetByIdAsync(request.Id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("product", request.Id);
        }

        if (after is null)
        {
            var refused = Product.StockAfter(product.StockQuantity, request.Delta);
            return refused.IsFailure ? refused.Error! : Error.Conflict("product.insufficient_stock", "Stock cannot go below zero.");
        }

        await products.ReloadAsync(product, cancellationToken);
        product.StockAdjusted();
        audit.Record(new AuditEntry(
            "product.stock_adjusted",
            "product",
            product.Id,
            new Dictionary<string, AuditChange>(StringComparer.Ordinal) { ["stockQuantity"] = new(after.Value - request.Delta, after.Value) },
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["delta"] = request.Delta, ["reason"] = request.Reason }));
        return new StockResponse(after.Value);
    }
}
