using Catalog.Domain.Common;

namespace Catalog.Domain.Products;

public sealed partial class Product
{
    private Result Apply(ProductDetails d, string slug)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > NameMaxLength)
        {
            Fail("name", $"Name is required and at most {NameMaxLength} characters.");
        }

        if (!Common.Slug.IsValid(slug, SlugMaxLength))
        {
            Fail("slug", "Slug must be lowercase letters, digits and single hyphens.");
        }

        if (d.Price < 0 || d.Price > MaxMoney)
        {
            Fail("price", "Price must be zero or more.");
        }

        if (d.CompareAtPrice is { } compare && (compare <= d.Price || compare > MaxMoney))
        {
            Fail("compareAtPrice", "Compare-at price must be greater than the price.");
        }

        if (d.Cost is < 0 or > MaxMoney)
        {
            Fail("cost", "Cost must be zero or more.");
        }

        if (d.StockQuantity is < 0)
        {
            Fail("stockQuantity", "Stock cannot be negative.");
        }

        if (d.LowStockThreshold < 0)
        {
            Fail("lowStockThreshold", "Low-stock threshold cannot be negative.");
        }

        if (d.Weight is < 0 or > MaxWeight)
        {
            Fail("weight", "Weight must be zero or more.");
        }

        if (d.Sku is { } sku && (sku.Length == 0 || sku.Length > SkuMaxLength))
        {
            Fail("sku", $"SKU must be 1 to {SkuMaxLength} characters.");
        }

        if (d.Tags.Count > MaxTags || d.Tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > TagMaxLength))
        {
            Fail("tags", $"At most {MaxTags} tags of 1 to {TagMaxLength} characters.");
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        Name = d.Name.Trim();
        Slug = slug;
        Description = d.Description;
        ShortDescription = d.ShortDescription;
        Price = d.Price;
        CompareAtPrice = d.CompareAtPrice;
        Cost = d.Cost;
        CategoryId = d.CategoryId;
        BrandId = d.BrandId;
        Sku = d.Sku;
        Barcode = d.Barcode;
        StockQuantity = d.StockQuantity ?? StockQuantity;
        LowStockThreshold = d.LowStockThreshold;
        Weight = d.Weight;
        Dimensions = d.Dimensions;
        Images = d.Images;
        Tags = d.Tags.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        Metadata = d.Metadata;
        IsFeatured = d.IsFeatured;
        IsActive = d.IsActive;
        return Result.Success();
    }
}
