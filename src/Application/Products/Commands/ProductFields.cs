using System.Text.Json;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands;

/// <summary>Turns a validated body into the domain's <see cref="ProductDetails"/>; omitted optional fields get their defaults.</summary>
public static class ProductFields
{
    public static ProductDetails ToDetails(this IProductFields f) => new(
        f.Name,
        f.Description,
        f.ShortDescription,
        f.Price ?? 0,
        f.CompareAtPrice,
        f.Cost,
        f.CategoryId,
        f.BrandId,
        string.IsNullOrWhiteSpace(f.Sku) ? null : f.Sku.Trim(),
        string.IsNullOrWhiteSpace(f.Barcode) ? null : f.Barcode.Trim(),
        f.StockQuantity,
        f.LowStockThreshold ?? ProductDetails.DefaultLowStockThreshold,
        f.Weight,
        Json(f.Dimensions) ?? ProductDetails.DefaultDimensions,
        Json(f.Images) ?? "[]",
        f.Tags ?? [],
        f.Metadata.ToStoredJson() ?? "{}",
        f.IsFeatured ?? false,
        f.IsActive ?? true);

    private static string? Json(JsonElement? value) =>
        value is null || value.Value.ValueKind == JsonValueKind.Null ? null : value.Value.GetRawText();
}
