using Catalog.Application.Common.Persistence;
using Catalog.Domain.Categories;
using Catalog.Domain.Common;

namespace Catalog.Application.Categories;

internal static class CategoryMove
{
    /// <summary>Loads what the domain needs to judge a move (the new parent with its path, the subtree's height) and applies it.</summary>
    public static async Task<Result> ApplyAsync(ICategoryRepository categories, Category category, Guid? parentId, int sortOrder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Category? parent = null;
        if (parentId is { } id && id != category.Id && (parent = await categories.GetByIdAsync(id, cancellationToken)) is null)
        {
            return Error.Validation("parentId", "The parent category does not exist.");
        }

        if (parentId == category.Id)
        {
            parent = category;
        }

        var height = await categories.SubtreeHeightAsync(category.Id, cancellationToken);
        return category.MoveTo(parent, sortOrder, height, now);
    }
}
