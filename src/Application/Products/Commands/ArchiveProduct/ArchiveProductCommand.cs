using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.ArchiveProduct;

/// <summary>Any status → archived: off the storefront for good, kept for history.</summary>
[Authorize(Permissions.ProductsPublish)]
public sealed record ArchiveProductCommand(Guid Id) : ICommand<ProductResponse>;

internal sealed class ArchiveProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    ICurrentUser currentUser,
    TimeProvider time)
    : ICommandHandler<ArchiveProductCommand, ProductResponse>
{
    public Task<Result<ProductResponse>> Handle(ArchiveProductCommand request, CancellationToken cancellationToken) =>
        ProductTransition.RunAsync(products, change, mapper, request.Id, "archived", p => p.Archive(currentUser.UserId, time.GetUtcNow()), cancellationToken);
}
