using Catalog.Domain.Reviews;

namespace Catalog.Application.Common.Persistence;

public interface IReviewRepository
{
    void Add(Review review);

    Task<Review?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A review whether or not it is deleted, tracked.</summary>
    Task<Review?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> ExistsForUserAsync(Guid productId, Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Records one helpful vote of <paramref name="userId"/> and answers the review's helpful count; a second vote by
    /// the same user changes nothing. Null when the review does not exist.
    /// </summary>
    Task<int?> VoteHelpfulAsync(Guid reviewId, Guid userId, CancellationToken cancellationToken);
}
