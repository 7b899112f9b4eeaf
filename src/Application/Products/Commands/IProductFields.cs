using System.Text.Json;

namespace Catalog.Application.Products.Commands;

/// <summary>The client-writable fields of a product body, shared by create, update and import rows.</summary>
public interface IProductFields
{
    string Name { get; }

    string? Slug { get; }

    string? Description { get; }

    string? ShortDescription { get; }

    decimal? Price { get; }

    decimal? CompareAtPrice { get; }

    decimal? Cost { get; }

    Guid? CategoryId { get; }

    Guid? BrandId { get; }

    string? Sku { get; }

    string? Barcode { get; }

    int? StockQuantity { get; }

    int? LowStockThreshold { get; }

    decimal? Weight { get; }

    JsonElement? Dimensions { get; }

    JsonElement? Images { get; }

    IReadOnlyList<string>? Tags { get; }

    JsonElement? Metadata { get; }

    bool? IsFeatured { get; }

    bool? IsActive { get; }
}
