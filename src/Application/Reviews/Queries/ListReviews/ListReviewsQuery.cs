using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Reviews.Queries.ListReviews;

/// <summary>
/// Moderators' review list across products, newest first (reviews:moderate): live reviews, or with
/// <see cref="Deleted"/> the deleted ones (to restore), optionally of one product and one rating. Reads v_all_reviews.
/// </summary>
[Authorize(Permissions.ReviewsModerate)]
public sealed record ListReviewsQuery(int? Rating = null, Guid? ProductId = null, bool Deleted = false, int? Limit = null, string? Cursor = null)
    : IQuery<Page<ModerationReviewItem>>;

public sealed record ModerationReviewItem(Guid ProductId, Guid UserId, DateTimeOffset? DeletedAt, ReviewItem Review);

internal sealed class ListReviewsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors)
    : IQueryHandler<ListReviewsQuery, Page<ModerationReviewItem>>
{
    private const string Scope = "reviews/moderation/newest";

    private const string Sql = """
        SELECT r.id AS Id, r.rating AS Rating, r.title AS Title, r.comment AS Comment, r.pros AS Pros, r.cons AS Cons,
               r.images::text AS Images, r.is_verified_purchase AS IsVerifiedPurchase, r.helpful_count AS HelpfulCount,
               r.author_name AS AuthorName, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt,
               r.product_id AS ProductId, r.user_id AS UserId, r.deleted_at AS DeletedAt
          FROM v_all_reviews r
         WHERE (r.deleted_at IS NOT NULL) = @Deleted
           AND (@Rating::int IS NULL OR r.rating = @Rating)
           AND (@ProductId::uuid IS NULL OR r.product_id = @ProductId)
           AND (NOT @HasKey OR (r.created_at, r.id) < (@KCreatedAt, @KId))
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT @Take
        """;

    public async Task<Result<Page<ModerationReviewItem>>> Handle(ListReviewsQuery request, CancellationToken cancellationToken)
    {
        var page = cursors.Start<Key>(Scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, new
        {
            request.Deleted,
            request.Rating,
            request.ProductId,
            keyset.HasKey,
            KCreatedAt = DateTime.SpecifyKind(keyset.After?.CreatedAt ?? DateTime.UnixEpoch, DateTimeKind.Utc),
            KId = keyset.After?.Id ?? Guid.Empty,
            keyset.Take,
        }, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => new Key(r.Id, r.CreatedAt), r => r.ToModerationItem());
    }

    private sealed record Key(Guid Id, DateTime CreatedAt);

    private sealed class Row : ReviewRow
    {
        public Guid ProductId { get; init; }

        public Guid UserId { get; init; }

        public DateTime? DeletedAt { get; init; }

        public ModerationReviewItem ToModerationItem() => new(
            ProductId, UserId, DeletedAt is { } deleted ? new DateTimeOffset(DateTime.SpecifyKind(deleted, DateTimeKind.Utc)) : null, ToItem());
    }
}
