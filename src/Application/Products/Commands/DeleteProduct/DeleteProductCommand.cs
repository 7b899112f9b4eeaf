using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.DeleteProduct;

/// <summary>Soft-deletes a product (its row stays; reads answer 404). Needs the current ETag.</summary>
[Authorize(Permissions.ProductsDelete)]
public sealed record DeleteProductCommand(Guid Id, uint? IfMatch) : ICommand<Guid>;

internal sealed class DeleteProductCommandHandler(IProductRepository products, AggregateChange change, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<DeleteProductCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteProductCommand request, CancellationToken cancellationToken)
    {
        var deleted = await change.ApplyAsync(products.GetByIdAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.MustMatch(request.IfMatch), "deleted", product => product.Delete(currentUser.UserId, time.GetUtcNow()), cancellationToken);
        return deleted.Map(product => product.Id);
    }
}
