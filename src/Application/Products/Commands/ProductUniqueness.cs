using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Application.Products.Commands;

/// <summary>The checks that need the database: a free slug (generated and deduplicated when absent), a free SKU, existing references.</summary>
internal static class ProductUniqueness
{
    public static async Task<Result<string>> ResolveAsync(IProductRepository products, IProductFields fields, ProductDetails details, Product? existing, CancellationToken cancellationToken)
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
        var baseSlug = Slug.From(fields.Name, Product.SlugMaxLength);
        baseSlug = baseSlug.Length == 0 ? "product" : baseSlug;
        var candidate = fields.Slug ?? existing?.Slug ?? baseSlug;
        var (skuTaken, slugTaken) = await products.SkuOrSlugTakenAsync(details.Sku, candidate, exceptId, cancellationToken);
        if (skuTaken)
        {
            return Error.Conflict("product.sku_taken", $"The SKU '{details.Sku}' is already used by another product.");
        }

        if (fields.Slug is { } requested)
        {
            return slugTaken
                ? Error.Conflict("product.slug_taken", $"The slug '{requested}' is already in use.")
                : requested;
        }

        if (existing is not null)
        {
            return existing.Slug;
        }

        var slug = baseSlug;
        for (var n = 2; slugTaken; n++)
        {
            slug = Slug.WithSuffix(baseSlug, n, Product.SlugMaxLength);
            slugTaken = await products.SlugExistsAsync(slug, exceptId, cancellationToken);
        }

        return slug;
    }
}
