using Catalog.Application.Common.Persistence;
using Catalog.Domain.Categories;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories.Commands;

internal static class CategorySlugs
{
    /// <summary>The requested slug when free (409 otherwise), the current one on update, or one generated from the name.</summary>
    public static async Task<Result<string>> ResolveAsync(ICategoryRepository categories, string? requested, string name, Category? existing, CancellationToken cancellationToken)
    {
        if (requested is not null)
        {
            return await categories.SlugExistsAsync(requested, existing?.Id, cancellationToken)
                ? Error.Conflict("category.slug_taken", $"The slug '{requested}' is already in use.")
                : requested;
        }

        if (existing is not null)
        {
            return existing.Slug;
        }

        var baseSlug = Slug.From(name, Category.SlugMaxLength);
        baseSlug = baseSlug.Length == 0 ? "category" : baseSlug;
        var slug = baseSlug;
        for (var n = 2; await categories.SlugExistsAsync(slug, null, cancellationToken); n++)
        {
            slug = Slug.WithSuffix(baseSlug, n, Category.SlugMaxLength);
        }

        return slug;
    }
}
