using Catalog.Application.Products;
using Catalog.Application.Products.Queries.GetProduct;

namespace Catalog.BackOffice.Components.Pages.Products;

/// <summary>
/// What the product editor posts. It fills the API's own body (<see cref="ProductFieldSet"/>), so the create and
/// update commands validate it with the API's validators; fields the form does not show are carried over unchanged.
/// </summary>
public sealed class ProductForm
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Sku { get; set; }

    public string? Barcode { get; set; }

    public decimal? Price { get; set; }

    public decimal? CompareAtPrice { get; set; }

    public decimal? Cost { get; set; }

    public int? StockQuantity { get; set; }

    public int? LowStockThreshold { get; set; }

    public Guid? CategoryId { get; set; }

    public Guid? BrandId { get; set; }

    public string? ShortDescription { get; set; }

    public string? Description { get; set; }

    public string? Tags { get; set; }

    public bool IsFeatured { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The version (ETag) the form was rendered from: an update sends it as If-Match.</summary>
    public uint Version { get; set; }

    public static ProductForm From(ProductBackOfficeDetail product) => new()
    {
        Name = product.Name,
        Slug = product.Slug,
        Sku = product.Sku,
        Barcode = product.Barcode,
        Price = product.Price,
        CompareAtPrice = product.CompareAtPrice,
        Cost = product.Cost,
        StockQuantity = product.StockQuantity,
        LowStockThreshold = product.LowStockThreshold,
        CategoryId = product.Category?.Id,
        BrandId = product.Brand?.Id,
        ShortDescription = product.ShortDescription,
        Description = product.Description,
        Tags = string.Join(", ", product.Tags),
        IsFeatured = product.IsFeatured,
        IsActive = product.IsActive,
        Version = product.Version,
    };

    /// <summary>The API body; <paramref name="current"/> supplies what the form does not edit (images, dimensions, metadata, weight).</summary>
    public T ToFields<T>(ProductBackOfficeDetail? current, bool withStock)
        where T : ProductFieldSet, new() => new()
    {
        Name = Name ?? string.Empty,
        Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim(),
        Sku = Sku,
        Barcode = Barcode,
        Price = Price,
        CompareAtPrice = CompareAtPrice,
        Cost = Cost,
        StockQuantity = withStock ? StockQuantity : null,
        LowStockThreshold = LowStockThreshold,
        CategoryId = CategoryId,
        BrandId = BrandId,
        ShortDescription = ShortDescription,
        Description = Description,
        Tags = ProductFilter.SplitTags(Tags is null ? null : [Tags]),
        IsFeatured = IsFeatured,
        IsActive = IsActive,
        Weight = current?.Weight,
        Dimensions = current?.Dimensions,
        Images = current?.Images,
        Metadata = current?.Metadata,
    };
}
