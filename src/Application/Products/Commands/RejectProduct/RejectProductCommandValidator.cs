using Catalog.Application.Common.Validation;
using Catalog.Domain.Products;
using FluentValidation;

namespace Catalog.Application.Products.Commands.RejectProduct;

internal sealed class RejectProductCommandValidator : AbstractValidator<RejectProductCommand>
{
    public RejectProductCommandValidator() =>
        RuleFor(c => c.Remark).NotEmpty().MaximumLength(Product.RemarkMaxLength).NoControlCharacters();
}
