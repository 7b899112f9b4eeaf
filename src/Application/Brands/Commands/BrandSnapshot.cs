using Catalog.Domain.Brands;

namespace Catalog.Application.Brands.Commands;

public static class BrandSnapshot
{
    public static IReadOnlyDictionary<string, object?> Of(Brand b) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = b.Name,
        ["slug"] = b.Slug,
        ["description"] = b.Description,
        ["logoUrl"] = b.LogoUrl,
        ["websiteUrl"] = b.WebsiteUrl,
        ["metadata"] = b.Metadata,
        ["isActive"] = b.IsActive,
        ["deletedAt"] = b.DeletedAt,
    };
}
