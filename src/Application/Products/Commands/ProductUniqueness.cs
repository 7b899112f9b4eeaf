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

        if (details.Sku is { } sku && await products.SkuExistsAsync(sku, exceptId, cancellationToken))
        {
            return Error.Conflict("product.sku_taken", $"The SKU '{sku}' is already used by another product.");
        }

        if (fields.Slug is { } requested)
        {
            return await products.SlugExistsAsync(requested, exceptId, cancellationToken)
                ? Error.Conflict("product.slug_taken", $"The slug '{requested}' is already in use.")
                : requested;
        }

        if (existing is not null)
        {
            return existing.Slug;
        }

        var baseSlug = Slug.From(fields.Name, Product.SlugMaxLength);
        baseSlug = baseSlug.Length == 0 ? "product" : baseSlug;
        var slug = baseSlug;
        for (var n = 2; await products.SlugExistsAsync(slug, exceptId, cancellationToken); n++)
        {
            slug = Slug.WithSuffix(baseSlug, n, Product.SlugMaxLength);
        }

        return slug;
    }
}
