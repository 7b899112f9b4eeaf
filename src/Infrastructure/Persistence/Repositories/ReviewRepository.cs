using Catalog.Application.Common.Persistence;
using Catalog.Domain.Reviews;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class ReviewRepository(CatalogDbContext db) : IReviewRepository
{
    // The vote and the counter move together; ON CONFLICT makes a repeated vote a no-op.
    private const string VoteSql = """
        WITH vote AS (
            INSERT INTO review_helpful_votes (review_id, user_id)
            SELECT r.id, @UserId FROM reviews r WHERE r.id = @ReviewId AND r.deleted_at IS NULL
            ON CONFLICT (review_id, user_id) DO NOTHING
            RETURNING review_id
        ),
        counted AS (
            UPDATE reviews r SET helpful_count = r.helpful_count + 1
            FROM vote WHERE r.id = vote.review_id
            RETURNING r.helpful_count
        )
        SELECT helpful_count FROM counted
        UNION ALL
        SELECT r.helpful_count FROM reviews r
        WHERE r.id = @ReviewId AND r.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM counted)
        """;

    public void Add(Review review) => db.Add(review);

    public Task<Review?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Review>().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<Review?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Review>().IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public Task<bool> ExistsForUserAsync(Guid productId, Guid userId, CancellationToken cancellationToken) =>
        db.Set<Review>().AnyAsync(r => r.ProductId == productId && r.UserId == userId, cancellationToken);

    public Task<int?> VoteHelpfulAsync(Guid reviewId, Guid userId, CancellationToken cancellationToken) =>
        db.Database.GetDbConnection().QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            VoteSql, new { ReviewId = reviewId, UserId = userId }, db.Database.CurrentTransaction?.GetDbTransaction(), cancellationToken: cancellationToken));
}
