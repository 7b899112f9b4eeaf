using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Application.Products;

/// <summary>A product as the write endpoints answer it (the back-office view, including cost and workflow fields).</summary>
public sealed record ProductResponse(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? ShortDescription,
    decimal Price,
    decimal? CompareAtPrice,
    decimal? Cost,
    Guid? CategoryId,
    Guid? BrandId,
    string? Sku,
    string? Barcode,
    int StockQuantity,
    int LowStockThreshold,
    decimal? Weight,
    JsonElement Dimensions,
    JsonElement Images,
    IReadOnlyList<string> Tags,
    JsonElement Metadata,
    bool IsFeatured,
    bool IsActive,
    string Status,
    string? ReviewRemark,
    decimal AverageRating,
    int ReviewCount,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The strong validator for ETag / If-Match, from the row's xmin.</summary>
    [JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>The answer of POST /products/{id}/stock.</summary>
public sealed record StockResponse(int StockQuantity);
