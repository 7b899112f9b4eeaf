using Catalog.Domain.Common;

namespace Catalog.Domain.Categories;

/// <summary>A node of the category tree. <see cref="Path"/> and <see cref="Depth"/> are kept by the database's triggers.</summary>
public sealed class Category : AggregateRoot, IVersioned
{
    public const int NameMaxLength = 100;
    public const int SlugMaxLength = 100;
    public const int DescriptionMaxLength = 10_000;
    public const int MaxDepth = 6;

    private Category()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public Guid? ParentId { get; private set; }

    public string? ImageUrl { get; private set; }

    public string Metadata { get; private set; } = "{}";

    public int SortOrder { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Ids from the root down to and including this category.</summary>
    public Guid[] Path { get; private set; } = [];

    public int Depth { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    public static Result<Category> Create(string name, string slug, string? description, Category? parent, string? imageUrl, string? metadata, int sortOrder, bool isActive, DateTimeOffset now)
    {
        var category = new Category { Id = Ids.New(now), CreatedAt = now, UpdatedAt = now };
        var applied = category.Apply(name, slug, description, imageUrl, metadata, sortOrder, isActive);
        if (applied.IsFailure)
        {
            return applied.Error!;
        }

        if (parent is not null)
        {
            if (parent.Depth + 1 > MaxDepth)
            {
                return TooDeep(parent.Depth + 1);
            }

            category.ParentId = parent.Id;
        }

        category.Raise(new CategoryChanged(category.Id, category.Slug));
        return category;
    }

    public Result Update(string name, string slug, string? description, string? imageUrl, string? metadata, int sortOrder, bool isActive, DateTimeOffset now)
    {
        var applied = Apply(name, slug, description, imageUrl, metadata, sortOrder, isActive);
        if (applied.IsSuccess)
        {
            Touch(now);
        }

        return applied;
    }

    /// <summary>
    /// Moves this category under <paramref name="newParent"/> (null: to the root) at <paramref name="sortOrder"/>.
    /// Refuses a move under itself or any descendant (a cycle at any depth, found through the parent's path) and one
    /// that would put its subtree, <paramref name="subtreeHeight"/> levels below it, deeper than <see cref="MaxDepth"/>.
    /// </summary>
    public Result MoveTo(Category? newParent, int sortOrder, int subtreeHeight, DateTimeOffset now)
    {
        if (newParent is not null && (newParent.Id == Id || newParent.Path.Contains(Id)))
        {
            return Error.Conflict("category.cycle", "A category cannot be moved under itself or one of its descendants.");
        }

        var newDepth = (newParent?.Depth ?? 0) + 1;
        if (newDepth + subtreeHeight > MaxDepth)
        {
            return TooDeep(newDepth + subtreeHeight);
        }

        ParentId = newParent?.Id;
        SortOrder = sortOrder;
        Touch(now);
        return Result.Success();
    }

    /// <summary>Soft-deletes a leaf that no live product uses.</summary>
    public Result Delete(int liveChildren, int liveProducts, DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return Error.NotFound("category", Id);
        }

        if (liveChildren > 0)
        {
            return Error.Conflict("category.has_children", $"The category still has {liveChildren} subcategories; move or delete them first.");
        }

        if (liveProducts > 0)
        {
            return Error.Conflict("category.has_products", $"The category still has {liveProducts} products; move or delete them first.");
        }

        DeletedAt = now;
        Touch(now);
        return Result.Success();
    }

    /// <summary>
    /// Brings a soft-deleted category back. <paramref name="parent"/> is its parent, deleted or not (null for a root):
    /// under a deleted parent it would stay out of every tree, so that is refused until the parent is restored.
    /// </summary>
    public Result Restore(Category? parent, DateTimeOffset now)
    {
        if (DeletedAt is null)
        {
            return Error.Conflict("category.not_deleted", "The category is not deleted.");
        }

        if (parent is { DeletedAt: not null })
        {
            return Error.Conflict("category.parent_deleted", $"The parent category '{parent.Slug}' ({parent.Id}) is deleted; restore it first.");
        }

        if (Depth > MaxDepth)
        {
            return TooDeep(Depth);
        }

        DeletedAt = null;
        Touch(now);
        return Result.Success();
    }

    private static Error TooDeep(int depth) =>
        Error.Conflict("category.too_deep", $"The category tree would be {depth} levels deep; at most {MaxDepth} are allowed.");

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Raise(new CategoryChanged(Id, Slug));
    }

    private Result Apply(string name, string slug, string? description, string? imageUrl, string? metadata, int sortOrder, bool isActive)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength)
        {
            return Error.Validation("name", $"Name is required and at most {NameMaxLength} characters.");
        }

        if (!Common.Slug.IsValid(slug, SlugMaxLength))
        {
            return Error.Validation("slug", "Slug must be lowercase letters, digits and single hyphens.");
        }

        if (imageUrl is not null && !WebUrl.IsValid(imageUrl))
        {
            return Error.Validation("imageUrl", "Image URL must be an absolute http or https URL.");
        }

        Name = name.Trim();
        Slug = slug;
        Description = description;
        ImageUrl = imageUrl;
        Metadata = metadata ?? Metadata;
        SortOrder = sortOrder;
        IsActive = isActive;
        return Result.Success();
    }
}

/// <summary>A category was created, changed, moved, deleted or restored: tree and product-list caches drop it.</summary>
public sealed record CategoryChanged(Guid CategoryId, string Slug) : ICatalogChangedEvent
{
    public string ResourceType => "category";

    public Guid ResourceId => CategoryId;
}
