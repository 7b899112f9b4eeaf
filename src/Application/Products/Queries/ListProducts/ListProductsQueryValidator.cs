using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.Products.Queries.ListProducts;

public sealed class ListProductsQueryValidator : ProductFilterValidator<ListProductsQuery>
{
    public ListProductsQueryValidator()
        : base(q => q.Filter, allowDeleted: true)
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
        RuleFor(q => q.Sort)
            .Must(s => s is null || ProductSort.Names.Contains(s))
            .WithMessage($"'sort' must be one of: {string.Join(", ", ProductSort.Names)}.");
    }
}
