using Catalog.Application.Auth;
using Catalog.Application.Common.Identity;
using FluentValidation;

namespace Catalog.Application.Me.Commands.ChangePassword;

internal sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator(IPasswordPolicy policy)
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(PasswordRules.MaxLength);
        RuleFor(c => c.NewPassword).StrongPassword(policy);
    }
}
