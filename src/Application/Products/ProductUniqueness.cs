using Catalog.Application.Common.Commands;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products;

/// <summary>The checks that need the database: a free slug (generated and deduplicated when absent), a free SKU, existing references.</summary>
internal static class ProductUniqueness
{
    public static async Task<Result<string>> ResolveAsync(IProductRepository products, ProductFieldSet fields, ProductDetails details, Product? existing, CancellationToken cancellationToken)
    {
        var exceptId = existing?.Id;
        if (details.CategoryId is { } categoryId && !await products.CategoryExistsAsync(categoryId, cancellationToken))
        {
            return Error.Validation("categoryId", "The category does not exist.");
        }

        if (details.BrandId is { } brandId && !await products.BrandExistsAsync(brandId, cancellationToken))
        {
            return Error.Validation("brandId", "The brand does not exist.");
        }

        // One query for the SKU and the first slug candidate (the requested one, the product's own, or the name's):
        // the common case of a free SKU and a free slug costs a single round trip.
        var candidate = fields.Slug ?? existing?.Slug ?? SlugAllocator.BaseOf(fields.Name, Product.SlugMaxLength, "product");
        var (skuTaken, slugTaken) = await products.SkuOrSlugTakenAsync(details.Sku, candidate, exceptId, cancellationToken);
        if (skuTaken)
        {
            return Error.Conflict("product.sku_taken", $"The SKU '{details.Sku}' is already used by another product.");
        }

        return await SlugAllocator.ResolveAsync("product", fields.Slug, existing?.Slug, fields.Name, Product.SlugMaxLength, slug =>
            slug == candidate ? Task.FromResult(slugTaken) : products.SlugExistsAsync(slug, exceptId, cancellationToken));
    }
}
