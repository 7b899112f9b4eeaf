namespace Catalog.Application.Products.Queries.ExportProducts;

/// <summary>One exported product: the fields of an import row (so an export can be re-imported) plus read-only facts.</summary>
public sealed class ProductExportRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Slug { get; init; } = string.Empty;

    public string? Sku { get; init; }

    public string? Barcode { get; init; }

    public string Status { get; init; } = string.Empty;

    public bool IsActive { get; init; }

    public bool IsFeatured { get; init; }

    public decimal Price { get; init; }

    public decimal? CompareAtPrice { get; init; }

    public decimal? Cost { get; init; }

    public int StockQuantity { get; init; }

    public int LowStockThreshold { get; init; }

    public decimal? Weight { get; init; }

    public Guid? CategoryId { get; init; }

    public string? CategorySlug { get; init; }

    public Guid? BrandId { get; init; }

    public string? BrandSlug { get; init; }

    public string[] Tags { get; init; } = [];

    public string? ShortDescription { get; init; }

    public string? Description { get; init; }

    public string? Dimensions { get; init; }

    public string? Images { get; init; }

    public string? Metadata { get; init; }

    public decimal AverageRating { get; init; }

    public int ReviewCount { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
