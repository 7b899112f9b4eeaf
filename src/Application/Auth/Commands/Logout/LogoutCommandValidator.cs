using FluentValidation;

namespace Catalog.Application.Auth.Commands.Logout;

internal sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator() => RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(200);
}
