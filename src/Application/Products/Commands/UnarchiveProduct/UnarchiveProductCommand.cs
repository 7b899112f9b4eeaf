using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.UnarchiveProduct;

/// <summary>archived → draft: back into the workflow, to be reviewed and published again.</summary>
[Authorize(Permissions.ProductsPublish)]
public sealed record UnarchiveProductCommand(Guid Id) : ICommand<ProductResponse>;

internal sealed class UnarchiveProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    ICurrentUser currentUser,
    TimeProvider time)
    : ICommandHandler<UnarchiveProductCommand, ProductResponse>
{
    public Task<Result<ProductResponse>> Handle(UnarchiveProductCommand request, CancellationToken cancellationToken) =>
        ProductTransition.RunAsync(products, change, mapper, request.Id, "unarchived", p => p.Unarchive(currentUser.UserId, time.GetUtcNow()), cancellationToken);
}
