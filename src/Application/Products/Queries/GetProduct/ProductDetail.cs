using System.Text.Json;

namespace Catalog.Application.Products.Queries.GetProduct;

/// <summary>A product as the storefront shows it.</summary>
public record ProductDetail
{
    public required Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Slug { get; init; }

    public string? Description { get; init; }

    public string? ShortDescription { get; init; }

    public required decimal Price { get; init; }

    public decimal? CompareAtPrice { get; init; }

    public ResourceRef? Brand { get; init; }

    public ResourceRef? Category { get; init; }

    /// <summary>The category's ancestors from the root down to the category itself.</summary>
    public required IReadOnlyList<ResourceRef> Breadcrumb { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required JsonElement Images { get; init; }

    public decimal? Weight { get; init; }

    public required JsonElement Dimensions { get; init; }

    public required bool IsFeatured { get; init; }

    public required bool InStock { get; init; }

    public required RatingSummary Rating { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The strong validator for ETag / If-Match, from the product row's xmin.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

/// <summary>A product with its internal fields, for callers holding products:read (ADR-032).</summary>
public sealed record ProductBackOfficeDetail : ProductDetail
{
    public required string Status { get; init; }

    public required bool IsActive { get; init; }

    public decimal? Cost { get; init; }

    public string? Sku { get; init; }

    public string? Barcode { get; init; }

    public required int StockQuantity { get; init; }

    public required int LowStockThreshold { get; init; }

    public required JsonElement Metadata { get; init; }

    public string? ReviewRemark { get; init; }

    public DateTimeOffset? SubmittedAt { get; init; }
}
