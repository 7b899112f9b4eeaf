namespace Catalog.Domain.Products;

public sealed partial class Product
{
    /// <summary>
    /// Keeps review_count, rating_counts and average_rating in step with one review change: a new review
    /// (<paramref name="oldRating"/> null), an edit, or a deletion (<paramref name="newRating"/> null).
    /// </summary>
    public void ApplyReviewChange(int? oldRating, int? newRating, DateTimeOffset now)
    {
        var counts = (int[])RatingCounts.Clone();
        if (oldRating is { } o && counts[o - 1] > 0)
        {
            counts[o - 1]--;
        }

        if (newRating is { } n)
        {
            counts[n - 1]++;
        }

        RatingCounts = counts;
        ReviewCount = counts.Sum();
        var total = 0;
        for (var star = 1; star <= 5; star++)
        {
            total += star * counts[star - 1];
        }

        AverageRating = ReviewCount == 0 ? 0 : Math.Round((decimal)total / ReviewCount, 2, MidpointRounding.AwayFromZero);
        UpdatedAt = now;
        Raise(new ProductChanged(Id, Slug, "rating"));
    }
}
