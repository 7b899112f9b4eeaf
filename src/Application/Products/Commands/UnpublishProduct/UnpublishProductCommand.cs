using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.UnpublishProduct;

/// <summary>published → draft.</summary>
[Authorize(Permissions.ProductsPublish)]
public sealed record UnpublishProductCommand(Guid Id) : ICommand<ProductResponse>;

internal sealed class UnpublishProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    ICurrentUser currentUser,
    TimeProvider time)
    : ICommandHandler<UnpublishProductCommand, ProductResponse>
{
    public Task<Result<ProductResponse>> Handle(UnpublishProductCommand request, CancellationToken cancellationToken) =>
        ProductTransition.RunAsync(products, change, mapper, request.Id, "unpublished", p => p.Unpublish(currentUser.UserId, time.GetUtcNow()), cancellationToken);
}
