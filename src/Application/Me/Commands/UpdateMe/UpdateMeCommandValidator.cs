using Catalog.Application.Common.Validation;
using Catalog.Domain.Users;
using FluentValidation;

namespace Catalog.Application.Me.Commands.UpdateMe;

internal sealed class UpdateMeCommandValidator : AbstractValidator<UpdateMeCommand>
{
    public UpdateMeCommandValidator()
    {
        RuleFor(c => c.FirstName).MaximumLength(User.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.LastName).MaximumLength(User.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.AvatarUrl).AbsoluteHttpUrl();
        RuleFor(c => c.Metadata).JsonObjectUpTo16K();
    }
}
