using System.Globalization;
using System.Net;

namespace Catalog.DevelopmentDatabase.DemoData;

internal sealed partial class CatalogDataGenerator
{
    private const int MaxReviewsPerProduct = 2_000;

    /// <summary>Star shares (1..5) for poor, ordinary and good products: J-shaped overall, as real shops see.</summary>
    private static readonly double[][] RatingShares =
    [
        [0.35, 0.20, 0.17, 0.15, 0.13],
        [0.09, 0.07, 0.14, 0.30, 0.40],
        [0.03, 0.03, 0.07, 0.25, 0.62],
    ];

    private static readonly (string Action, string ResourceType, double Share)[] AuditActions =
    [
        ("product.updated", "product", 0.40), ("product.stock_adjusted", "product", 0.20), ("product.created", "product", 0.10),
        ("product.published", "product", 0.06), ("review.created", "review", 0.10), ("auth.login_succeeded", "user", 0.08),
        ("auth.login_failed", "user", 0.02), ("brand.updated", "brand", 0.02), ("category.updated", "category", 0.02),
    ];

    /// <summary>Reviews of the products enumerated by <see cref="Products"/>: the same ratings its counters were built from.</summary>
    public IEnumerable<ReviewRow> Reviews()
    {
        long index = 0;
        for (var i = 0; i < _spec.Products; i++)
        {
            if (_reviewsAfterTicks[i] == 0)
            {
                continue;
            }

            var random = new Random(Mix(_spec.Seed, 5, i));
            var (ratings, users) = DrawReviews(random);
            var after = new DateTime(_reviewsAfterTicks[i], DateTimeKind.Utc);
            var productId = DeterministicIds.For(DeterministicIds.Product, i);
            for (var r = 0; r < ratings.Length; r++)
            {
                var rating = ratings[r];
                var titles = TextPools.Titles[rating - 1];
                yield return new ReviewRow(
                    DeterministicIds.For(DeterministicIds.Review, index++),
                    productId,
                    DeterministicIds.For(DeterministicIds.User, users[r]),
                    rating,
                    titles[random.Next(titles.Length)],
                    _pools.ReviewSentences[random.Next(_pools.ReviewSentences.Length)],
                    rating >= 3 ? [Pick(random, TextPools.Pros)] : [],
                    rating <= 4 && random.NextDouble() < 0.6 ? [Pick(random, TextPools.Cons)] : [],
                    random.NextDouble() < 0.7,
                    after.AddTicks((long)((_anchor - after).Ticks * random.NextDouble())));
            }
        }
    }

    public IEnumerable<AuditRow> AuditLogs()
    {
        var random = new Random(Mix(_spec.Seed, 6, 0));
        var start = AuditStart;
        var step = (_anchor - start).Ticks / Math.Max(1, _spec.AuditRows);
        for (long i = 0; i < _spec.AuditRows; i++)
        {
            var (action, resourceType, _) = PickAction(random.NextDouble());
            var resourceIndex = resourceType switch
            {
                "product" => random.Next(_spec.Products),
                "user" => random.Next(_spec.Users),
                "brand" => random.Next(_spec.Brands),
                "category" => random.Next(_spec.Categories),
                _ => random.Next(Math.Max(1, (int)(_spec.Products * _spec.ReviewsPerProduct))),
            };
            var tag = resourceType switch
            {
                "product" => DeterministicIds.Product,
                "user" => DeterministicIds.User,
                "brand" => DeterministicIds.Brand,
                "category" => DeterministicIds.Category,
                _ => DeterministicIds.Review,
            };
            var failed = action == "auth.login_failed";
            yield return new AuditRow(
                DeterministicIds.For(DeterministicIds.Audit, i),
                failed ? null : DeterministicIds.For(DeterministicIds.User, random.Next(_spec.Users)),
                action,
                resourceType,
                DeterministicIds.For(tag, resourceIndex),
                AuditChanges(action, random),
                "{}",
                new IPAddress([10, (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(1, 255)]),
                Pick(random, _pools.UserAgents),
                random.NextInt64().ToString("x16", CultureInfo.InvariantCulture),
                random.Next(2, 120),
                failed ? 401 : action.EndsWith("created", StringComparison.Ordinal) ? 201 : 200,
                start.AddTicks(i * step + random.NextInt64(step)));
        }
    }

    /// <summary>First day (UTC) of the oldest audit month: the anchor's month and the months before it.</summary>
    public DateTime AuditStart => new DateTime(_anchor.Year, _anchor.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-Math.Max(0, _spec.AuditMonths - 1));

    public DateTime Anchor => _anchor;

    private ReviewPlan PlanReviews(int product, bool published, DateTime after)
    {
        if (!published)
        {
            _reviewsAfterTicks[product] = 0;
            return ReviewPlan.None;
        }

        _reviewsAfterTicks[product] = after.Ticks;
        var (ratings, _) = DrawReviews(new Random(Mix(_spec.Seed, 5, product)));
        var counts = new int[5];
        foreach (var rating in ratings)
        {
            counts[rating - 1]++;
        }

        var average = ratings.Length == 0 ? 0m : Math.Round(ratings.Sum() / (decimal)ratings.Length, 2, MidpointRounding.AwayFromZero);
        return new ReviewPlan(ratings.Length, counts, average);
    }

    /// <summary>How many reviews (exponential around the mean), their stars and distinct authors.</summary>
    private (int[] Ratings, int[] Users) DrawReviews(Random random)
    {
        var mean = _spec.ReviewsPerProduct / PublishedShare;
        var count = Math.Min(Math.Min(_spec.Users, MaxReviewsPerProduct), (int)(-Math.Log(1 - random.NextDouble()) * mean + 0.5));
        var quality = random.NextDouble();
        var shares = RatingShares[quality < 0.15 ? 0 : quality < 0.6 ? 1 : 2];
        var ratings = new int[count];
        var users = new int[count];
        var chosen = new HashSet<int>(count);
        for (var r = 0; r < count; r++)
        {
            ratings[r] = DrawStars(random.NextDouble(), shares);
            int user;
            do
            {
                user = random.Next(_spec.Users);
            }
            while (!chosen.Add(user));
            users[r] = user;
        }

        return (ratings, users);
    }

    private static int DrawStars(double u, double[] shares)
    {
        for (var s = 0; s < shares.Length; s++)
        {
            u -= shares[s];
            if (u < 0)
            {
                return s + 1;
            }
        }

        return shares.Length;
    }

    private static (string Action, string ResourceType, double Share) PickAction(double u)
    {
        foreach (var entry in AuditActions)
        {
            u -= entry.Share;
            if (u < 0)
            {
                return entry;
            }
        }

        return AuditActions[0];
    }

    private static string? AuditChanges(string action, Random random) => action switch
    {
        "product.updated" => string.Create(CultureInfo.InvariantCulture, $"{{\"price\": {{\"before\": {random.Next(1, 500)}.99, \"after\": {random.Next(1, 500)}.49}}}}"),
        "product.stock_adjusted" => string.Create(CultureInfo.InvariantCulture, $"{{\"stockQuantity\": {{\"before\": {random.Next(0, 200)}, \"after\": {random.Next(0, 200)}}}}}"),
        "product.published" => "{\"status\": {\"before\": \"draft\", \"after\": \"published\"}}",
        _ => null,
    };

    private sealed record ReviewPlan(int Count, int[] Counts, decimal Average)
    {
        public static ReviewPlan None => new(0, new int[5], 0m);
    }
}
