using Catalog.Domain.ApiKeys;
using FluentValidation;

namespace Catalog.Application.ApiKeys.Commands.CreateApiKey;

internal sealed class CreateApiKeyCommandValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiKey.NameMaxLength);
        RuleFor(c => c.Permissions).NotNull().Must(p => p is null || p.Count <= 50).WithMessage("At most 50 permissions.");
        RuleFor(c => c.RateLimit).InclusiveBetween(1, ApiKey.MaxRateLimit);
    }
}
