using Catalog.Application.Common.Identity;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Users;
using FluentValidation;

namespace Catalog.Application.Auth.Commands.Register;

internal sealed class RegisterCommandValidator : AbstractValidator<RegisterCommand>
{
    public RegisterCommandValidator(IPasswordPolicy policy)
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).StrongPassword(policy);
        RuleFor(c => c.FirstName).MaximumLength(User.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.LastName).MaximumLength(User.NameMaxLength).NoControlCharacters();
    }
}
