using Catalog.Application.Common.Auditing;
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
    IUnitOfWork unitOfWork,
    IAuditTrail audit,
    ICurrentUser currentUser,
    TimeProvider time) : ICommandHandler<DeleteReviewCommand, Guid>
{
    public async Task<Result<Guid>> Handle(DeleteReviewCommand request, CancellationToken cancellationToken)
    {
        var review = await reviews.GetByIdAsync(request.Id, cancellationToken);
        if (review is null)
        {
            return Error.NotFound("review", request.Id);
        }

        var before = ReviewSnapshot.Of(review);
        var now = time.GetUtcNow();
        var moderator = currentUser.HasPermission(Permissions.ReviewsModerate);
        var deleted = review.Delete(currentUser.ApiKeyId is null ? currentUser.UserId ?? Guid.Empty : Guid.Empty, moderator, now);
        if (deleted.IsFailure)
        {
            return deleted.Error!;
        }

        if (await products.GetIncludingDeletedForUpdateAsync(review.ProductId, cancellationToken) is { } product)
        {
            product.ApplyReviewChange(review.Rating, null, now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        audit.Record(new AuditEntry(moderator && review.UserId != currentUser.UserId ? "review.moderated" : "review.deleted", "review", review.Id, AuditChanges.Diff(before, ReviewSnapshot.Of(review))) { StatusCode = 204 });
        return review.Id;
    }
}
