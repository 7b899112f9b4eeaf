using FluentValidation;

namespace Catalog.Application.Reviews.Commands.UpdateReview;

internal sealed class UpdateReviewCommandValidator : AbstractValidator<UpdateReviewCommand>
{
    public UpdateReviewCommandValidator()
    {
        RuleFor(c => c.Rating).InclusiveBetween(1, 5);
        ReviewRules.Apply(this, c => c.Title, c => c.Comment, c => c.Pros, c => c.Cons, c => c.Images);
    }
}
