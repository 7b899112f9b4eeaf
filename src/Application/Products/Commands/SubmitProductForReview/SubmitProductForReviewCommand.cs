using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Products.Commands.SubmitProductForReview;

/// <summary>draft or rejected → in_review.</summary>
[Authorize(Permissions.ProductsWrite)]
public sealed record SubmitProductForReviewCommand(Guid Id) : ICommand<ProductResponse>;

internal sealed class SubmitProductForReviewCommandHandler(
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    ICurrentUser currentUser,
    TimeProvider time)
    : ICommandHandler<SubmitProductForReviewCommand, ProductResponse>
{
    public Task<Result<ProductResponse>> Handle(SubmitProductForReviewCommand request, CancellationToken cancellationToken) =>
        ProductTransition.RunAsync(products, change, mapper, request.Id, "submitted_for_review", p => p.SubmitForReview(currentUser.UserId, time.GetUtcNow()), cancellationToken);
}
