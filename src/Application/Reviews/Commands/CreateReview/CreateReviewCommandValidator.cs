using FluentValidation;

namespace Catalog.Application.Reviews.Commands.CreateReview;

internal sealed class CreateReviewCommandValidator : AbstractValidator<CreateReviewCommand>
{
    public CreateReviewCommandValidator()
    {
        RuleFor(c => c.Rating).InclusiveBetween(1, 5);
        ReviewRules.Apply(this, c => c.Title, c => c.Comment, c => c.Pros, c => c.Cons, c => c.Images);
    }
}
