using FluentValidation;

namespace Catalog.Application.Products;

/// <summary>Rules of <see cref="ProductFilter"/> for any request that carries one; errors name the query parameters.</summary>
public abstract class ProductFilterValidator<T> : AbstractValidator<T>
{
    protected ProductFilterValidator(Func<T, ProductFilter> filter, bool allowDeleted = false)
    {
        IReadOnlyList<string> statuses = allowDeleted ? [.. ProductFilter.Statuses, ProductFilter.Deleted] : ProductFilter.Statuses;
        RuleFor(x => filter(x).Q).MaximumLength(ProductFilter.MaxQueryLength).OverridePropertyName("q");
        RuleFor(x => filter(x).Category).MaximumLength(255).OverridePropertyName("category");
        RuleFor(x => filter(x).Brand).MaximumLength(255).OverridePropertyName("brand");
        RuleFor(x => filter(x).MinPrice).GreaterThanOrEqualTo(0).OverridePropertyName("minPrice");
        RuleFor(x => filter(x).MaxPrice).GreaterThanOrEqualTo(0).OverridePropertyName("maxPrice");
        RuleFor(x => filter(x))
            .Must(f => f.MinPrice is null || f.MaxPrice is null || f.MinPrice <= f.MaxPrice)
            .WithMessage("'maxPrice' must not be less than 'minPrice'.")
            .OverridePropertyName("maxPrice");
        RuleFor(x => filter(x).Tags)
            .Must(t => t is null || (t.Count <= ProductFilter.MaxTags && t.All(tag => tag.Length <= 100)))
            .WithMessage($"At most {ProductFilter.MaxTags} tags of at most 100 characters.")
            .OverridePropertyName("tags");
        RuleFor(x => filter(x).Status)
            .Must(s => s is null || statuses.Contains(s))
            .WithMessage($"'status' must be one of: {string.Join(", ", statuses)}.")
            .OverridePropertyName("status");
    }
}
