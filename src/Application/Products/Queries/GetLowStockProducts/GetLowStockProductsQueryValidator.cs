using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.Products.Queries.GetLowStockProducts;

public sealed class GetLowStockProductsQueryValidator : AbstractValidator<GetLowStockProductsQuery>
{
    public GetLowStockProductsQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
}
