namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>
/// The shape of a generated catalog. The same generator builds the small development demo and the
/// benchmark sizes (10k, 100k, 1m products); only these numbers differ.
/// </summary>
public sealed record CatalogDataSpec(
    string Name,
    int Products,
    int Categories,
    int CategoryLevels,
    int Brands,
    int Users,
    double ReviewsPerProduct,
    int AuditRows,
    int AuditMonths,
    int Seed = CatalogDataSpec.DefaultSeed)
{
    public const int DefaultSeed = 20261122;

    /// <summary>The password every generated user signs in with (development and benchmarks only).</summary>
    public const string UserPassword = "demo-password-2026";

    /// <summary>The development demo: a few hundred products in a 3-level tree, ~1,000 reviews by 100 users.</summary>
    public static CatalogDataSpec Demo { get; } = new("demo", 300, 30, 3, 40, 100, 3.4, 0, 0);

    /// <summary>The benchmark sizes of issue 8.</summary>
    public static CatalogDataSpec ForSize(string size) => size.ToUpperInvariant() switch
    {
        "DEMO" => Demo,
        "10K" => Benchmark("10k", 10_000),
        "100K" => Benchmark("100k", 100_000),
        "1M" => Benchmark("1m", 1_000_000),
        _ => throw new ArgumentException($"Unknown size '{size}': use demo, 10k, 100k or 1m.", nameof(size)),
    };

    private static CatalogDataSpec Benchmark(string name, int products) =>
        new(name, products, 2_000, 4, 5_000, 100_000, 2.0, 5_000_000, 13);
}
