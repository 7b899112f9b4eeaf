using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Products.Queries.Common;

namespace Catalog.Application.Reviews.Queries.ListProductReviews;

/// <summary>
/// A keyset page of a product's live reviews plus the product's rating summary, read from the denormalised
/// <c>products.average_rating / review_count / rating_counts</c> (ADR-030), never aggregated at read time.
/// </summary>
public sealed record ListProductReviewsQuery(string ProductIdOrSlug, string? Sort = null, int? Rating = null, int? Limit = null, string? Cursor = null)
    : IQuery<ReviewPage>;

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? NextCursor, RatingSummary Summary);

public sealed record ReviewItem(
    Guid Id,
    int Rating,
    string? Title,
    string? Comment,
    IReadOnlyList<string> Pros,
    IReadOnlyList<string> Cons,
    System.Text.Json.JsonElement Images,
    bool IsVerifiedPurchase,
    int HelpfulCount,
    string AuthorName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Review sorts, each a keyset order over one of the per-product review indexes of 0001.</summary>
internal sealed record ReviewSort(string Name, string OrderBy, string After)
{
    public static readonly IReadOnlyList<ReviewSort> All =
    [
        new("newest", "r.created_at DESC, r.id DESC", "(r.created_at, r.id) < (@KCreatedAt, @KId)"),
        new("oldest", "r.created_at, r.id", "(r.created_at, r.id) > (@KCreatedAt, @KId)"),
        new("helpful", "r.helpful_count DESC, r.id DESC", "(r.helpful_count, r.id) < (@KHelpful, @KId)"),
        new("rating", "r.rating DESC, r.created_at DESC, r.id DESC", "(r.rating, r.created_at, r.id) < (@KRating, @KCreatedAt, @KId)"),
        new("-rating", "r.rating, r.created_at DESC, r.id DESC", "(r.rating > @KRating OR (r.rating = @KRating AND (r.created_at, r.id) < (@KCreatedAt, @KId)))"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();
}

internal sealed record ReviewCursor(Guid Id, DateTime CreatedAt, int Helpful, int Rating);
