using AutoMapper;
using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Reviews.Commands.RestoreReview;

/// <summary>
/// Undoes a moderator's delete (reviews:moderate); the product's figures count the review again in the same
/// transaction, under the product's row lock. A review its author withdrew, one whose author has written another since,
/// or one of a deleted product is not restored (409).
/// </summary>
[Authorize(Permissions.ReviewsModerate)]
public sealed record RestoreReviewCommand(Guid Id) : ICommand<ReviewResponse>;

internal sealed class RestoreReviewCommandHandler(
    IReviewRepository reviews,
    IProductRepository products,
    AggregateChange change,
    IMapper mapper,
    TimeProvider time) : ICommandHandler<RestoreReviewCommand, ReviewResponse>
{
    public async Task<Result<ReviewResponse>> Handle(RestoreReviewCommand request, CancellationToken cancellationToken)
    {
        var restored = await change.ApplyAsync(reviews.GetIncludingDeletedAsync(request.Id, cancellationToken), request.Id, ExpectedVersion.Any, "restored", async review =>
        {
            var now = time.GetUtcNow();
            var result = review.Restore(now);
            if (result.IsFailure)
            {
                return result;
            }

            var product = await products.GetForUpdateAsync(review.ProductId, cancellationToken);
            if (product is null)
            {
                return Error.Conflict("review.product_deleted", "The review's product is deleted; restore the product first.");
            }

            if (await reviews.ExistsForUserAsync(review.ProductId, review.UserId, cancellationToken))
            {
                return Error.Conflict("review.superseded", "The author has written another review of this product since; only one live review per author and product.");
            }

            product.ApplyReviewChange(null, review.Rating, now);
            return Result.Success();
        }, cancellationToken);
        return restored.Map(mapper.Map<ReviewResponse>);
    }
}
