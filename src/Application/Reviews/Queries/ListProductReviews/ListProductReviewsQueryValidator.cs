using Catalog.Application.Common.Paging;
using FluentValidation;

namespace Catalog.Application.Reviews.Queries.ListProductReviews;

public sealed class ListProductReviewsQueryValidator : AbstractValidator<ListProductReviewsQuery>
{
    public ListProductReviewsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
        RuleFor(q => q.Rating).InclusiveBetween(1, 5);
        RuleFor(q => q.Sort)
            .Must(s => s is null || ReviewSort.Names.Contains(s))
            .WithMessage($"'sort' must be one of: {string.Join(", ", ReviewSort.Names)}.");
    }
}
