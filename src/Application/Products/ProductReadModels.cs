using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Application.Products;

/// <summary>A brand or category as a product shows it.</summary>
public sealed record ResourceRef(Guid Id, string Name, string Slug);

/// <summary>One product of a list page (storefront shape; <see cref="Status"/> only in back-office lists).</summary>
public sealed record ProductListItem(
    Guid Id,
    string Name,
    string Slug,
    string? ShortDescription,
    decimal Price,
    decimal? CompareAtPrice,
    ResourceRef? Brand,
    ResourceRef? Category,
    IReadOnlyList<string> Tags,
    JsonElement Images,
    bool IsFeatured,
    bool InStock,
    decimal AverageRating,
    int ReviewCount,
    DateTimeOffset CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}

/// <summary>The denormalised rating summary of a product: average, count and the count per star.</summary>
public sealed record RatingSummary(decimal AverageRating, int ReviewCount, IReadOnlyDictionary<string, int> Distribution)
{
    public static RatingSummary From(decimal averageRating, int reviewCount, int[] ratingCounts) => new(
        averageRating,
        reviewCount,
        new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["1"] = ratingCounts.ElementAtOrDefault(0),
            ["2"] = ratingCounts.ElementAtOrDefault(1),
            ["3"] = ratingCounts.ElementAtOrDefault(2),
            ["4"] = ratingCounts.ElementAtOrDefault(3),
            ["5"] = ratingCounts.ElementAtOrDefault(4),
        });
}

internal static class JsonColumn
{
    /// <summary>
    /// One right-sized, self-contained element. (<c>JsonDocument.Parse(...).RootElement.Clone()</c> left the parsed
    /// document undisposed, so the buffers it rents from the shared array pool were never returned.)
    /// </summary>
    public static JsonElement Parse(string? json, string fallback) =>
        JsonElement.Parse(string.IsNullOrEmpty(json) ? fallback : json);
}
