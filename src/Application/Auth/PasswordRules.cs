using Catalog.Application.Common.Identity;
using FluentValidation;

namespace Catalog.Application.Auth;

/// <summary>NIST SP 800-63B / ASVS: length, not composition; at least 64 characters accepted, no truncation; no common passwords.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;

    /// <summary>Generous, yet bounded so that hashing cannot be abused with megabyte passwords.</summary>
    public const int MaxLength = 256;

    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule, IPasswordPolicy policy) =>
        rule.NotEmpty()
            .MinimumLength(MinLength)
            .MaximumLength(MaxLength)
            .Must(p => p is null || !policy.IsCommon(p)).WithMessage("This password is too common; choose another.");

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .MaximumLength(Domain.Users.User.EmailMaxLength)
            .Matches(@"^\s*[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\s*$").WithMessage("Must be a valid email address.");
}
