using Catalog.Domain.Categories;

namespace Catalog.Application.Categories.Commands;

public static class CategorySnapshot
{
    public static IReadOnlyDictionary<string, object?> Of(Category c) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = c.Name,
        ["slug"] = c.Slug,
        ["description"] = c.Description,
        ["parentId"] = c.ParentId,
        ["imageUrl"] = c.ImageUrl,
        ["metadata"] = c.Metadata,
        ["sortOrder"] = c.SortOrder,
        ["isActive"] = c.IsActive,
        ["deletedAt"] = c.DeletedAt,
    };
}
