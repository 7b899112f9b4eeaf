using System.Text.Json;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Brands;
using FluentValidation;

namespace Catalog.Application.Brands;

/// <summary>The client-writable fields of a brand body, shared by create and update.</summary>
public interface IBrandFields
{
    string Name { get; }

    string? Slug { get; }

    string? Description { get; }

    string? LogoUrl { get; }

    string? WebsiteUrl { get; }

    JsonElement? Metadata { get; }

    bool? IsActive { get; }
}

/// <summary>The one set of rules for a brand's fields.</summary>
public abstract class BrandFieldsValidator<T> : AbstractValidator<T>
    where T : IBrandFields
{
    protected BrandFieldsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Brand.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.Slug).ValidSlug(Brand.SlugMaxLength);
        RuleFor(c => c.Description).MaximumLength(10_000).NoControlCharacters();
        RuleFor(c => c.LogoUrl).AbsoluteHttpUrl();
        RuleFor(c => c.WebsiteUrl).AbsoluteHttpUrl();
        RuleFor(c => c.Metadata).JsonObjectUpTo16K();
    }
}
