namespace Catalog.Domain.Products;

/// <summary>
/// The client-writable fields of a product, already parsed. JSON-valued fields (<see cref="Dimensions"/>,
/// <see cref="Images"/>, <see cref="Metadata"/>) are JSON text; server-kept fields are not here on purpose.
/// </summary>
public sealed record ProductDetails(
    string Name,
    string? Description,
    string? ShortDescription,
    decimal Price,
    decimal? CompareAtPrice,
    decimal? Cost,
    Guid? CategoryId,
    Guid? BrandId,
    string? Sku,
    string? Barcode,
    int? StockQuantity,
    int LowStockThreshold,
    decimal? Weight,
    string Dimensions,
    string Images,
    IReadOnlyList<string> Tags,
    string Metadata,
    bool IsFeatured,
    bool IsActive)
{
    public const string DefaultDimensions = """{"length": null, "width": null, "height": null}""";
    public const int DefaultLowStockThreshold = 10;
}
