using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.DeleteProduct;

/// <summary>Soft-deletes a product (its row stays; reads answer 404). Needs the current ETag.</summary>
[Authorize(Permissions.ProductsDelete)]
public sealed record DeleteProductCommand(Guid Id, uint? IfMatch) : ICommand<Guid>;

internal sealed class DeleteProductCommandHandler(
    IProductRepository products,
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    TimeProvider time) : ICommandHandler<DeleteProductCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteProductCommand request, CancellationToken cancellationToken)
    {
        var product = await products.GetByIdAsync(request.Id, cancellationToken);
        if (product is null)
        {
            return Error.NotFound("product", request.Id);
        }

        var precondition = IfMatch.Check(request.IfMatch, product.Version);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        var before = ProductSnapshot.Of(product);
        var deleted = product.Delete(currentUser.UserId, time.GetUtcNow());
        if (deleted.IsFailure)
        {
            return deleted.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry("product.deleted", "product", product.Id, AuditChanges.Diff(before, ProductSnapshot.Of(product))));
        return product.Id;
    }
}
