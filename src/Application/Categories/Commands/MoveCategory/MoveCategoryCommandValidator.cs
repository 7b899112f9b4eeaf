using FluentValidation;

namespace Catalog.Application.Categories.Commands.MoveCategory;

internal sealed class MoveCategoryCommandValidator : AbstractValidator<MoveCategoryCommand>
{
    public MoveCategoryCommandValidator() => RuleFor(c => c.SortOrder).InclusiveBetween(-1_000_000, 1_000_000);
}
