using AutoMapper;
using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands.ChangeProductStatus;

/// <summary>Loads a live product, applies one workflow transition, saves it and records the audit entry.</summary>
internal static class ProductTransition
{
    public static async Task<Result<ProductResponse>> RunAsync(IProductRepository products, IUnitOfWork unitOfWork, IAuditTrail audit, IMapper mapper, Guid id, string action, Func<Product, Result> transition, CancellationToken cancellationToken)
    {
        var product = await products.GetByIdAsync(id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("product", id);
        }

        var before = ProductSnapshot.Of(product);
        var result = transition(product);
        if (result.IsFailure)
        {
            return result.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("product." + action, "product", product.Id, AuditChanges.Diff(before, ProductSnapshot.Of(product))));
        return mapper.Map<ProductResponse>(product);
    }
}
