using AutoMapper;
using Catalog.Application.Common.Auditing;
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
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreProductCommand, ProductResponse>
{
    public async Task<Result<ProductResponse>> Handle(RestoreProductCommand request, CancellationToken cancellationToken)
    {
        var product = await products.GetIncludingDeletedAsync(request.Id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("product", request.Id);
        }

        if (product.DeletedAt is not null && await products.SlugExistsAsync(product.Slug, product.Id, cancellationToken))
        {
            return Error.Conflict("product.slug_taken", $"Another live product now uses the slug '{product.Slug}'.");
        }

        if (product.DeletedAt is not null && product.Sku is { } sku && await products.SkuExistsAsync(sku, product.Id, cancellationToken))
        {
            return Error.Conflict("product.sku_taken", $"Another live product now uses the SKU '{sku}'.");
        }

        var before = ProductSnapshot.Of(product);
        var restored = product.Restore(currentUser.UserId, time.GetUtcNow());
        if (restored.IsFailure)
        {
            return restored.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("product.restored", "product", product.Id, AuditChanges.Diff(before, ProductSnapshot.Of(product))));
        return mapper.Map<ProductResponse>(product);
    }
}
