using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.RestoreProduct;

/// <summary>Brings a soft-deleted product back, unless a live product has taken its slug or SKU meanwhile (409).</summary>
[Authorize(Permissions.ProductsDelete)]
public sealed record RestoreProductCommand(Guid Id) : ICommand<ProductResponse>;

internal sealed class RestoreProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreProductCommand, ProductResponse>
{
    public async Task<Result<ProductResponse>> Handle(RestoreProductCommand request, CancellationToken cancellationToken)
    {
        var restored = await change.ApplyAsync(products.GetIncludingDeletedAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.Any, "restored", async product =>
        {
            if (product.DeletedAt is not null && await products.SlugExistsAsync(product.Slug, product.Id, cancellationToken))
            {
                return Error.Conflict("product.slug_taken", $"Another live product now uses the slug '{product.Slug}'.");
            }

            if (product.DeletedAt is not null && product.Sku is { } sku && await products.SkuExistsAsync(sku, product.Id, cancellationToken))
            {
                return Error.Conflict("product.sku_taken", $"Another live product now uses the SKU '{sku}'.");
            }

            return product.Restore(currentUser.UserId, time.GetUtcNow());
        }, cancellationToken);
        return restored.Map(mapper.Map<ProductResponse>);
    }
}
