using Catalog.Application.Common.Queries;
using FluentValidation;

namespace Catalog.Application.Brands.Queries.GetBrand;

public sealed class GetBrandQueryValidator : AbstractValidator<GetBrandQuery>
{
    public GetBrandQueryValidator() => RuleFor(q => q.Status).CatalogStatusValue(CatalogStatus.Brands);
}
