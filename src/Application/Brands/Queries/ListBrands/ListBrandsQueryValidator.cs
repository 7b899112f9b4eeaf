using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Queries;
using FluentValidation;

namespace Catalog.Application.Brands.Queries.ListBrands;

public sealed class ListBrandsQueryValidator : AbstractValidator<ListBrandsQuery>
{
    public ListBrandsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
        RuleFor(q => q.Status).CatalogStatusValue(CatalogStatus.Brands);
    }
}
