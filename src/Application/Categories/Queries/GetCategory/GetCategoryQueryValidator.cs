using Catalog.Application.Common.Queries;
using FluentValidation;

namespace Catalog.Application.Categories.Queries.GetCategory;

public sealed class GetCategoryQueryValidator : AbstractValidator<GetCategoryQuery>
{
    public GetCategoryQueryValidator() => RuleFor(q => q.Status).CatalogStatusValue(CatalogStatus.Categories);
}
