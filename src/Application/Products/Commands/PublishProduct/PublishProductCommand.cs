using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.PublishProduct;

/// <summary>draft or in_review → published; the first publication time is kept.</summary>
[Authorize(Permissions.ProductsPublish)]
public sealed record PublishProductCommand(Guid Id) : ICommand<ProductResponse>;

internal sealed class PublishProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    ICurrentUser currentUser,
    TimeProvider time)
    : ICommandHandler<PublishProductCommand, ProductResponse>
{
    public Task<Result<ProductResponse>> Handle(PublishProductCommand request, CancellationToken cancellationToken) =>
        ProductTransition.RunAsync(products, change, mapper, request.Id, "published", p => p.Publish(currentUser.UserId, time.GetUtcNow()), cancellationToken);
}
