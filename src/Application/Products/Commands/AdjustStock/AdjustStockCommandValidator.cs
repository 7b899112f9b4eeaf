using Catalog.Application.Common.Validation;
using FluentValidation;

namespace Catalog.Application.Products.Commands.AdjustStock;

internal sealed class AdjustStockCommandValidator : AbstractValidator<AdjustStockCommand>
{
    public const int ReasonMaxLength = 500;

    public AdjustStockCommandValidator()
    {
        RuleFor(c => c.Delta).NotEqual(0).WithMessage("Delta must not be zero.").InclusiveBetween(-1_000_000, 1_000_000);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(ReasonMaxLength).NoControlCharacters();
    }
}
