using Catalog.Application.Common.Validation;
using Catalog.Domain.Users;
using FluentValidation;

namespace Catalog.Application.Users.Commands.UpdateUser;

internal sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.Roles).Must(r => r is null || r.Count <= 20).WithMessage("At most 20 roles.");
        RuleForEach(c => c.Roles).NotEmpty().MaximumLength(50).Matches("^[a-z][a-z0-9_]*$");
        RuleFor(c => c.FirstName).MaximumLength(User.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.LastName).MaximumLength(User.NameMaxLength).NoControlCharacters();
    }
}
