using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Security;
using Catalog.Application.Products;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Reviews.Queries.ListProductReviews;

/// <summary>
/// A keyset page of a product's live reviews plus the product's rating summary, read from the denormalised
/// <c>products.average_rating / review_count / rating_counts</c> (ADR-030), never aggregated at read time.
/// </summary>
public sealed record ListProductReviewsQuery(string ProductIdOrSlug, string? Sort = null, int? Rating = null, int? Limit = null, string? Cursor = null)
    : IQuery<ReviewPage>;

public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? NextCursor, RatingSummary Summary);

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

internal sealed class ListProductReviewsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors, ICurrentUser currentUser)
    : IQueryHandler<ListProductReviewsQuery, ReviewPage>
{
    // The product as the caller may see it (v_storefront_products unless products:read) and its rating summary.
    private const string ProductSql = """
        SELECT p.id AS Id, p.average_rating AS AverageRating, p.review_count AS ReviewCount, p.rating_counts AS RatingCounts
          FROM v_backoffice_products p
         WHERE (p.id = @Id OR p.slug = @Slug)
           AND (@All OR EXISTS (SELECT 1 FROM v_storefront_products v WHERE v.id = p.id))
         LIMIT 1
        """;

    private const string Columns = """
        r.id AS Id, r.rating AS Rating, r.title AS Title, r.comment AS Comment, r.pros AS Pros, r.cons AS Cons,
        r.images::text AS Images, r.is_verified_purchase AS IsVerifiedPurchase, r.helpful_count AS HelpfulCount,
        r.author_name AS AuthorName, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt
        """;

    public async Task<Result<ReviewPage>> Handle(ListProductReviewsQuery request, CancellationToken cancellationToken)
    {
        var sort = ReviewSort.All.Single(s => s.Name == (request.Sort ?? "newest"));
        var scope = $"reviews/{sort.Name}";
        var parameters = new DynamicParameters();
        var where = "WHERE r.product_id = @ProductId";
        if (request.Rating is { } rating)
        {
            where += " AND r.rating = @Rating";
            parameters.Add("Rating", rating);
        }

        var page = cursors.Start<ReviewCursor>(scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        if (keyset.After is { } after)
        {
            where += " AND " + sort.After;
            parameters.AddDynamicParams(new
            {
                KId = after.Id,
                KCreatedAt = DateTime.SpecifyKind(after.CreatedAt, DateTimeKind.Utc),
                KHelpful = after.Helpful,
                KRating = after.Rating,
            });
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        Guid? id = Guid.TryParse(request.ProductIdOrSlug, out var parsed) ? parsed : null;
        var product = await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            ProductSql, new { Id = id, Slug = request.ProductIdOrSlug, All = currentUser.HasPermission(Permissions.ProductsRead) }, cancellationToken: cancellationToken));
        if (product is null)
        {
            return Error.NotFound("product", request.ProductIdOrSlug);
        }

        parameters.Add("ProductId", product.Id);
        var sql = $"SELECT {Columns} FROM v_reviews r {where} ORDER BY {sort.OrderBy} {PageLimits.LimitClause(keyset.Take)}";
        var rows = (await connection.QueryAsync<ReviewRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        var reviews = cursors.ToPage(keyset, rows, r => new ReviewCursor(r.Id, r.CreatedAt, r.HelpfulCount, r.Rating), r => r.ToItem());
        return new ReviewPage(reviews.Items, reviews.NextCursor, RatingSummary.From(product.AverageRating, product.ReviewCount, product.RatingCounts));
    }

    private sealed class ProductRow
    {
        public Guid Id { get; init; }

        public decimal AverageRating { get; init; }

        public int ReviewCount { get; init; }

        public int[] RatingCounts { get; init; } = [];
    }
}
