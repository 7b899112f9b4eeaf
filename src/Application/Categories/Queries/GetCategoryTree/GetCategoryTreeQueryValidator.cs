using Catalog.Application.Common.Queries;
using FluentValidation;

namespace Catalog.Application.Categories.Queries.GetCategoryTree;

public sealed class GetCategoryTreeQueryValidator : AbstractValidator<GetCategoryTreeQuery>
{
    public GetCategoryTreeQueryValidator() => RuleFor(q => q.Status).CatalogStatusValue(CatalogStatus.Categories);
}
