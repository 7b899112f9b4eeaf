using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.RejectProduct;

/// <summary>in_review → rejected, with a remark for the editor.</summary>
[Authorize(Permissions.ProductsPublish)]
public sealed record RejectProductCommand(Guid Id, string Remark) : ICommand<ProductResponse>;

internal sealed class RejectProductCommandHandler(
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    ICurrentUser currentUser,
    TimeProvider time)
    : ICommandHandler<RejectProductCommand, ProductResponse>
{
    public Task<Result<ProductResponse>> Handle(RejectProductCommand request, CancellationToken cancellationToken) =>
        ProductTransition.RunAsync(products, change, mapper, request.Id, "rejected", p => p.Reject(request.Remark, currentUser.UserId, time.GetUtcNow()), cancellationToken);
}
