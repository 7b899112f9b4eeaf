using Catalog.Application.Products;

namespace Catalog.Application.Reviews;

/// <summary>A review as <c>v_reviews</c> / <c>v_all_reviews</c> return it; the moderators' list adds its own columns.</summary>
internal class ReviewRow
{
    public Guid Id { get; init; }

    public int Rating { get; init; }

    public string? Title { get; init; }

    public string? Comment { get; init; }

    public string[] Pros { get; init; } = [];

    public string[] Cons { get; init; } = [];

    public string? Images { get; init; }

    public bool IsVerifiedPurchase { get; init; }

    public int HelpfulCount { get; init; }

    public string AuthorName { get; init; } = string.Empty;

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public ReviewItem ToItem() => new(
        Id, Rating, Title, Comment, Pros, Cons, JsonColumn.Parse(Images, "[]"), IsVerifiedPurchase, HelpfulCount, AuthorName,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
}

/// <summary>One review as both review lists answer it.</summary>
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
