using System.Globalization;
using System.Text;
using System.Text.Json;
using Catalog.Domain.Common;

namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>
/// Deterministic catalog generator (ADR-060): the same spec, seed and anchor give the same rows. Categories, brands
/// and the review plan of every product are fixed up front; users, products, reviews and audit rows stream, so the
/// 1m size never holds a table in memory. Enumerate <see cref="Products"/> before <see cref="Reviews"/>.
/// </summary>
internal sealed partial class CatalogDataGenerator
{
    private const double PublishedShare = 0.85;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CatalogDataSpec _spec;
    private readonly DateTime _anchor;
    private readonly string _passwordHash;
    private readonly TextPools _pools;
    private readonly List<CategoryRow> _categories = [];
    private readonly List<BrandRow> _brands = [];
    private readonly int[] _productCategory;
    private readonly long[] _reviewsAfterTicks;

    public CatalogDataGenerator(CatalogDataSpec spec, DateTimeOffset anchor, string passwordHash)
    {
        _spec = spec;
        _anchor = anchor.UtcDateTime;
        _passwordHash = passwordHash;
        _pools = new TextPools(spec.Seed);
        _productCategory = new int[spec.Products];
        _reviewsAfterTicks = new long[spec.Products];
        BuildCategories();
        BuildBrands();
    }

    public CatalogDataSpec Spec => _spec;

    /// <summary>Parents before children: the path trigger reads each parent's path.</summary>
    public IReadOnlyList<CategoryRow> Categories => _categories;

    public IReadOnlyList<BrandRow> Brands => _brands;

    /// <summary>A user of the generated set (all share <see cref="CatalogDataSpec.UserPassword"/>).</summary>
    public static string UserEmail(int index) => string.Create(CultureInfo.InvariantCulture, $"user{index}@demo.catalog.test");

    public IEnumerable<UserRow> Users()
    {
        var random = new Random(Mix(_spec.Seed, 1, 0));
        for (var i = 0; i < _spec.Users; i++)
        {
            var first = Pick(random, _pools.FirstNames);
            var last = Pick(random, _pools.LastNames);
            var created = _anchor.AddDays(-random.NextDouble() * 900);
            yield return new UserRow(DeterministicIds.For(DeterministicIds.User, i), UserEmail(i), _passwordHash, first, last, ["user"], created);
        }
    }

    public IEnumerable<ProductRow> Products()
    {
        var slugs = new Dictionary<string, int>(_spec.Products, StringComparer.Ordinal);
        var leaves = Enumerable.Range(0, _categories.Count).Where(c => _categories[c].Depth == _spec.CategoryLevels).ToArray();
        for (var i = 0; i < _spec.Products; i++)
        {
            var random = new Random(Mix(_spec.Seed, 2, i));
            var name = $"{Pick(random, _pools.Adjectives)} {Pick(random, _pools.Materials)} {Pick(random, _pools.Nouns)}{Pick(random, TextPools.Editions)}";
            var slug = UniqueSlug(slugs, Slug.From(name));
            var price = Math.Round((decimal)Math.Clamp(Math.Exp(3.4 + (random.NextDouble() + random.NextDouble() - 1) * 2.4), 1, 4_999), 0) - 0.01m;
            var compareAt = random.NextDouble() < 0.25 ? Math.Round(price * (decimal)(1.1 + random.NextDouble() * 0.5), 2) + 0.01m : (decimal?)null;
            var categoryIndex = random.NextDouble() < 0.9 ? leaves[random.Next(leaves.Length)] : random.Next(_categories.Count);
            _productCategory[i] = categoryIndex;
            var brand = _brands[(int)(_brands.Count * Math.Pow(random.NextDouble(), 2))];
            var status = PickStatus(random);
            var created = _anchor.AddDays(-random.NextDouble() * 730);
            var published = status is "published" or "archived" ? created.AddDays(random.NextDouble() * 5) : (DateTime?)null;
            var updated = created.AddTicks((long)((_anchor - created).Ticks * random.NextDouble() * 0.5));
            var plan = PlanReviews(i, status == "published", published ?? created);
            yield return new ProductRow(
                DeterministicIds.For(DeterministicIds.Product, i),
                name,
                slug,
                Description(random),
                Pick(random, _pools.ProductSentences) is var s && s.Length <= 500 ? s : s[..500],
                price,
                compareAt,
                Math.Round(price * (decimal)(0.35 + random.NextDouble() * 0.35), 2),
                _categories[categoryIndex].Id,
                brand.Id,
                string.Create(CultureInfo.InvariantCulture, $"SKU-{i + 1:D8}"),
                string.Create(CultureInfo.InvariantCulture, $"40{i + 1:D10}{i % 10}"),
                random.NextDouble() < 0.08 ? 0 : random.Next(1, 500),
                Math.Round((decimal)(0.05 + random.NextDouble() * 12), 3),
                Dimensions(random),
                Images(random, slug, name),
                Tags(random),
                JsonSerializer.Serialize(new { color = Pick(random, _pools.Colors), warrantyMonths = random.Next(0, 4) * 12 }, Json),
                random.NextDouble() >= 0.03,
                random.NextDouble() < 0.05,
                status,
                status == "in_review" ? updated : null,
                plan.Average,
                plan.Count,
                plan.Counts,
                created,
                updated,
                published);
        }
    }

    private static string PickStatus(Random random) => random.NextDouble() switch
    {
        < PublishedShare => "published",
        < 0.93 => "draft",
        < 0.96 => "in_review",
        < 0.98 => "archived",
        _ => "rejected",
    };

    private string Description(Random random)
    {
        var builder = new StringBuilder(400);
        var sentences = random.Next(2, 5);
        for (var s = 0; s < sentences; s++)
        {
            builder.Append(Pick(random, _pools.ProductSentences)).Append(' ');
        }

        return builder.Append(Pick(random, _pools.CatchPhrases)).Append('.').ToString();
    }

    private static string Dimensions(Random random) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"length\": {Math.Round(2 + random.NextDouble() * 120, 1)}, \"width\": {Math.Round(2 + random.NextDouble() * 80, 1)}, \"height\": {Math.Round(1 + random.NextDouble() * 60, 1)}}}");

    private static string Images(Random random, string slug, string name)
    {
        var count = random.Next(1, 5);
        var images = new object[count];
        for (var n = 0; n < count; n++)
        {
            images[n] = new { url = $"https://img.demo.catalog.test/products/{slug}-{n + 1}.jpg", alt = name, position = n };
        }

        return JsonSerializer.Serialize(images, Json);
    }

    private string[] Tags(Random random)
    {
        var count = random.Next(2, 6);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        while (tags.Count < count)
        {
            tags.Add(Pick(random, _pools.Tags));
        }

        return [.. tags];
    }

    private static string UniqueSlug(Dictionary<string, int> taken, string slug)
    {
        if (taken.TryAdd(slug, 1))
        {
            return slug;
        }

        while (true)
        {
            var n = ++taken[slug];
            var candidate = Slug.WithSuffix(slug, n);
            if (taken.TryAdd(candidate, 1))
            {
                return candidate;
            }
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>SplitMix64 of (seed, stream, index): independent, reproducible streams per row.</summary>
    private static int Mix(int seed, int stream, long index)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)stream * 0xBF58476D1CE4E5B9UL + (ulong)index * 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
