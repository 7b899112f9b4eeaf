using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.Reviews.Queries.ListReviews;

public sealed class ListReviewsQueryValidator : AbstractValidator<ListReviewsQuery>
{
    public ListReviewsQueryValidator()
    {
        RuleFor(q => q.Rating).InclusiveBetween(1, 5);
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
    }
}
