using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.Products.Queries.SearchProducts;

public sealed class SearchProductsQueryValidator : AbstractValidator<SearchProductsQuery>
{
    public SearchProductsQueryValidator()
    {
        RuleFor(q => q.Q).NotEmpty().MaximumLength(ProductFilter.MaxQueryLength);
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
    }
}
