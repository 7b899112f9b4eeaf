using Catalog.Application.Common.Validation;
using Catalog.Domain.Brands;
using FluentValidation;

namespace Catalog.Application.Brands.Commands.CreateBrand;

internal sealed class CreateBrandCommandValidator : AbstractValidator<CreateBrandCommand>
{
    public CreateBrandCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Brand.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.Slug).ValidSlug(Brand.SlugMaxLength);
        RuleFor(c => c.Description).MaximumLength(10_000).NoControlCharacters();
        RuleFor(c => c.LogoUrl).AbsoluteHttpUrl();
        RuleFor(c => c.WebsiteUrl).AbsoluteHttpUrl();
        RuleFor(c => c.Metadata).JsonObjectUpTo16K();
    }
}
