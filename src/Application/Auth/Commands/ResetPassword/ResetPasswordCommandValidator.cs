using Catalog.Application.Common.Identity;
using FluentValidation;

namespace Catalog.Application.Auth.Commands.ResetPassword;

internal sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator(IPasswordPolicy policy)
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
        RuleFor(c => c.NewPassword).StrongPassword(policy);
    }
}
