using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands;

/// <summary>The audited fields of a product, for before/after diffs.</summary>
public static class ProductSnapshot
{
    public static IReadOnlyDictionary<string, object?> Of(Product p) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = p.Name,
        ["slug"] = p.Slug,
        ["description"] = p.Description,
        ["shortDescription"] = p.ShortDescription,
        ["price"] = p.Price,
        ["compareAtPrice"] = p.CompareAtPrice,
        ["cost"] = p.Cost,
        ["categoryId"] = p.CategoryId,
        ["brandId"] = p.BrandId,
        ["sku"] = p.Sku,
        ["barcode"] = p.Barcode,
        ["stockQuantity"] = p.StockQuantity,
        ["lowStockThreshold"] = p.LowStockThreshold,
        ["weight"] = p.Weight,
        ["dimensions"] = p.Dimensions,
        ["images"] = p.Images,
        ["tags"] = p.Tags.ToArray(),
        ["metadata"] = p.Metadata,
        ["isFeatured"] = p.IsFeatured,
        ["isActive"] = p.IsActive,
        ["status"] = Product.ToWire(p.Status),
        ["reviewRemark"] = p.ReviewRemark,
        ["publishedAt"] = p.PublishedAt,
        ["deletedAt"] = p.DeletedAt,
    };
}
