using FluentValidation;

namespace Catalog.Application.Auth.Commands.VerifyEmail;

internal sealed class VerifyEmailCommandValidator : AbstractValidator<VerifyEmailCommand>
{
    public VerifyEmailCommandValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}
