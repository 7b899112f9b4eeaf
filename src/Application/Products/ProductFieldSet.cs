using System.Text.Json;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Products;

namespace Catalog.Application.Products;

/// <summary>
/// The one list of a product's client-writable fields: the create and update bodies and every import row are this
/// record, and <see cref="ProductFieldsValidator{T}"/> validates it; a new field is added here once.
/// </summary>
public abstract record ProductFieldSet
{
    public string Name { get; init; } = string.Empty;

    public string? Slug { get; init; }

    public string? Description { get; init; }

    public string? ShortDescription { get; init; }

    public decimal? Price { get; init; }

    public decimal? CompareAtPrice { get; init; }

    public decimal? Cost { get; init; }

    public Guid? CategoryId { get; init; }

    public Guid? BrandId { get; init; }

    public string? Sku { get; init; }

    public string? Barcode { get; init; }

    public int? StockQuantity { get; init; }

    public int? LowStockThreshold { get; init; }

    public decimal? Weight { get; init; }

    public JsonElement? Dimensions { get; init; }

    public JsonElement? Images { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public JsonElement? Metadata { get; init; }

    public bool? IsFeatured { get; init; }

    public bool? IsActive { get; init; }

    /// <summary>The validated fields as the domain's <see cref="ProductDetails"/>; omitted optional fields get their defaults.</summary>
    public ProductDetails ToDetails() => new(
        Name,
        Description,
        ShortDescription,
        Price ?? 0,
        CompareAtPrice,
        Cost,
        CategoryId,
        BrandId,
        string.IsNullOrWhiteSpace(Sku) ? null : Sku.Trim(),
        string.IsNullOrWhiteSpace(Barcode) ? null : Barcode.Trim(),
        StockQuantity,
        LowStockThreshold ?? ProductDetails.DefaultLowStockThreshold,
        Weight,
        Json(Dimensions) ?? ProductDetails.DefaultDimensions,
        Json(Images) ?? "[]",
        Tags ?? [],
        Metadata.ToStoredJson() ?? "{}",
        IsFeatured ?? false,
        IsActive ?? true);

    private static string? Json(JsonElement? value) =>
        value is null || value.Value.ValueKind == JsonValueKind.Null ? null : value.Value.GetRawText();
}
