using Catalog.Application.Categories.Commands.CreateCategory;
using Catalog.Application.Categories.Commands.UpdateCategory;
using Catalog.Application.Categories.Queries.GetCategory;

namespace Catalog.BackOffice.Components.Pages.Categories;

/// <summary>
/// What the category forms post. It fills the API's own bodies, so the commands validate it with the API's validators;
/// what the form does not show (metadata, and the parent on an edit, which "Move" changes) is carried over unchanged.
/// </summary>
public sealed class CategoryForm
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Description { get; set; }

    public string? ImageUrl { get; set; }

    public int SortOrder { get; set; }

    public bool IsActive { get; set; }

    /// <summary>The parent a new category is created under (none: a root).</summary>
    public Guid? ParentId { get; set; }

    /// <summary>The version (ETag) the form was rendered from: an update sends it as If-Match.</summary>
    public uint Version { get; set; }

    public static CategoryForm New() => new() { IsActive = true };

    public static CategoryForm From(CategoryDetail category) => new()
    {
        Name = category.Name,
        Slug = category.Slug,
        Description = category.Description,
        ImageUrl = category.ImageUrl,
        SortOrder = category.SortOrder,
        IsActive = category.Status is null or "active",
        ParentId = category.Parent?.Id,
        Version = category.Version,
    };

    public CreateCategoryCommand ToCreate() =>
        new(Name ?? string.Empty, Blank(Slug), Blank(Description), ParentId, Blank(ImageUrl), null, SortOrder, IsActive);

    /// <summary>The PUT body for <paramref name="current"/>: its parent and metadata kept, the version shown sent as If-Match.</summary>
    public UpdateCategoryCommand ToUpdate(CategoryDetail current) =>
        new(Name ?? string.Empty, Blank(Slug), Blank(Description), current.Parent?.Id, Blank(ImageUrl), current.Metadata, SortOrder, IsActive)
        {
            Id = current.Id,
            IfMatch = Version,
        };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
