using FluentValidation;

namespace Catalog.Application.Roles.Commands.SetRolePermissions;

internal sealed class SetRolePermissionsCommandValidator : AbstractValidator<SetRolePermissionsCommand>
{
    public SetRolePermissionsCommandValidator()
    {
        RuleFor(c => c.Role).NotEmpty().MaximumLength(50).Matches("^[a-z][a-z0-9_]*$");
        RuleFor(c => c.Permissions).NotNull().Must(p => p is null || p.Count <= 100).WithMessage("At most 100 permissions.");
    }
}
