using System.Text.Json;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Categories;
using FluentValidation;

namespace Catalog.Application.Categories;

/// <summary>The client-writable fields of a category body.</summary>
public interface ICategoryFields
{
    string Name { get; }

    string? Slug { get; }

    string? Description { get; }

    Guid? ParentId { get; }

    string? ImageUrl { get; }

    JsonElement? Metadata { get; }

    int? SortOrder { get; }

    bool? IsActive { get; }
}

public abstract class CategoryFieldsValidator<T> : AbstractValidator<T>
    where T : ICategoryFields
{
    protected CategoryFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Category.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.Slug).ValidSlug(Category.SlugMaxLength);
        RuleFor(c => c.Description).MaximumLength(Category.DescriptionMaxLength).NoControlCharacters();
        RuleFor(c => c.ImageUrl).AbsoluteHttpUrl();
        RuleFor(c => c.Metadata).JsonObjectUpTo16K();
        RuleFor(c => c.SortOrder).InclusiveBetween(-1_000_000, 1_000_000);
    }
}
