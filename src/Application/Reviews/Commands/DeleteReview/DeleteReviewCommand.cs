using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;

namespace Catalog.Application.Reviews.Commands.DeleteReview;

/// <summary>Its author or a holder of reviews:moderate soft-deletes a review; the product's figures drop it in the same transaction.</summary>
[Authorize]
public sealed record DeleteReviewCommand(Guid Id) : ICommand<Guid>;

internal sealed class DeleteReviewCommandHandler(
    IReviewRepository reviews,
    IProductRepository products,
    AggregateChange change,
    ICurrentUser currentUser,
    TimeProvider time) : ICommandHandler<DeleteReviewCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteReviewCommand request, CancellationToken cancellationToken)
    {
        var moderator = currentUser.HasPermission(Permissions.ReviewsModerate);
        var moderated = false;
        var deleted = await change.ApplyAsync(
            reviews.GetByIdAsync(request.Id, cancellationToken),
            request.Id,
            ExpectedVersion.Any,
            "deleted",
            async review =>
            {
                var now = time.GetUtcNow();
                moderated = moderator && review.UserId != currentUser.UserId;
                var result = review.Delete(currentUser.ApiKeyId is null ? currentUser.UserId ?? Guid.Empty : Guid.Empty, moderator, now);
                if (result.IsSuccess && await products.GetIncludingDeletedForUpdateAsync(review.ProductId, cancellationToken) is { } product)
                {
                    product.ApplyReviewChange(review.Rating, null, now);
                }

                return result;
            },
            cancellationToken,
            entry: e => (moderated ? e with { Action = "review.moderated" } : e) with { StatusCode = 204 });
        return deleted.Map(review => review.Id);
    }
}
