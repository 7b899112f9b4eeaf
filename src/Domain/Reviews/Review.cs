using Catalog.Domain.Common;

namespace Catalog.Domain.Reviews;

/// <summary>A customer's review of a product. Verified-purchase and helpful figures are kept by the server only.</summary>
public sealed class Review : AggregateRoot
{
    public const int TitleMaxLength = 255;
    public const int CommentMaxLength = 10_000;
    public const int MaxPoints = 20;
    public const int PointMaxLength = 500;
    public const int MaxImages = 20;

    private Review()
    {
    }

    public Guid ProductId { get; private set; }

    public Guid UserId { get; private set; }

    public int Rating { get; private set; }

    public string? Title { get; private set; }

    public string? Comment { get; private set; }

    public List<string> Pros { get; private set; } = [];

    public List<string> Cons { get; private set; } = [];

    public bool IsVerifiedPurchase { get; private set; }

    public int HelpfulCount { get; private set; }

    public string Images { get; private set; } = "[]";

    public string Metadata { get; private set; } = "{}";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>True when the author withdrew the review (their own delete); false when a moderator removed it, or it is live.</summary>
    public bool DeletedByAuthor { get; private set; }

    public static Result<Review> Create(Guid productId, Guid userId, int rating, string? title, string? comment, IReadOnlyList<string>? pros, IReadOnlyList<string>? cons, string? images, DateTimeOffset now)
    {
        var review = new Review { Id = Ids.New(now), ProductId = productId, UserId = userId, CreatedAt = now, UpdatedAt = now };
        var applied = review.Apply(rating, title, comment, pros, cons, images);
        if (applied.IsFailure)
        {
            return applied.Error!;
        }

        review.Raise(new ReviewChanged(review.Id, productId));
        return review;
    }

    /// <summary>Only the author edits a review; omitted fields (null) stay as they are.</summary>
    public Result Edit(Guid editorId, int? rating, string? title, string? comment, IReadOnlyList<string>? pros, IReadOnlyList<string>? cons, string? images, DateTimeOffset now)
    {
        if (editorId != UserId)
        {
            return Error.Forbidden("Only the author can edit a review.");
        }

        var applied = Apply(rating ?? Rating, title ?? Title, comment ?? Comment, pros ?? Pros, cons ?? Cons, images ?? Images);
        if (applied.IsSuccess)
        {
            UpdatedAt = now;
            Raise(new ReviewChanged(Id, ProductId));
        }

        return applied;
    }

    /// <summary>Its author or a moderator deletes a review.</summary>
    public Result Delete(Guid callerId, bool canModerate, DateTimeOffset now)
    {
        if (callerId != UserId && !canModerate)
        {
            return Error.Forbidden("Only the author or a moderator can delete a review.");
        }

        if (DeletedAt is not null)
        {
            return Error.NotFound("review", Id);
        }

        DeletedAt = now;
        DeletedByAuthor = callerId == UserId;
        UpdatedAt = now;
        Raise(new ReviewChanged(Id, ProductId));
        return Result.Success();
    }

    /// <summary>
    /// A moderator undoes a moderator's delete. A review its author withdrew stays withdrawn: publishing again what
    /// its author took down is not a moderator's call.
    /// </summary>
    public Result Restore(DateTimeOffset now)
    {
        if (DeletedAt is null)
        {
            return Error.Conflict("review.not_deleted", "The review is not deleted.");
        }

        if (DeletedByAuthor)
        {
            return Error.Conflict("review.withdrawn_by_author", "The review was deleted by its author and cannot be restored by a moderator.");
        }

        DeletedAt = null;
        DeletedByAuthor = false;
        UpdatedAt = now;
        Raise(new ReviewChanged(Id, ProductId));
        return Result.Success();
    }

    /// <summary>Raises the change event of a helpful vote that the database counted atomically.</summary>
    public void MarkedHelpful() => Raise(new ReviewChanged(Id, ProductId));

    public static Result ValidateRating(int rating) =>
        rating is >= 1 and <= 5 ? Result.Success() : Error.Validation("rating", "Rating must be between 1 and 5.");

    private Result Apply(int rating, string? title, string? comment, IReadOnlyList<string>? pros, IReadOnlyList<string>? cons, string? images)
    {
        var valid = ValidateRating(rating);
        if (valid.IsFailure)
        {
            return valid;
        }

        if (title is { Length: > TitleMaxLength })
        {
            return Error.Validation("title", $"Title is at most {TitleMaxLength} characters.");
        }

        if (pros is { Count: > MaxPoints } || cons is { Count: > MaxPoints })
        {
            return Error.Validation(pros is { Count: > MaxPoints } ? "pros" : "cons", $"At most {MaxPoints} points.");
        }

        Rating = rating;
        Title = title;
        Comment = comment;
        Pros = pros?.ToList() ?? [];
        Cons = cons?.ToList() ?? [];
        Images = images ?? "[]";
        return Result.Success();
    }
}

/// <summary>A review was created, edited, deleted or restored: the product's review pages and figures change with it.</summary>
public sealed record ReviewChanged(Guid ReviewId, Guid ProductId) : ICatalogChangedEvent
{
    public string ResourceType => "review";

    public Guid ResourceId => ReviewId;
}
