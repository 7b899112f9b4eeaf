using Catalog.Domain.Users;
using FluentValidation;

namespace Catalog.Application.Auth.Commands.ForgotPassword;

internal sealed class ForgotPasswordCommandValidator : AbstractValidator<ForgotPasswordCommand>
{
    public ForgotPasswordCommandValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(User.EmailMaxLength);
}
