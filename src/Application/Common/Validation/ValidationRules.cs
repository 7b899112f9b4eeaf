using System.Text.Json;
using Catalog.Domain.Common;
using FluentValidation;

namespace Catalog.Application.Common.Validation;

/// <summary>Rules shared by several validators, so that a limit is stated once.</summary>
public static class ValidationRules
{
    public const int MetadataMaxBytes = 16 * 1024;

    public static IRuleBuilderOptions<T, string?> AbsoluteHttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || WebUrl.IsValid(v)).WithMessage($"Must be an absolute http or https URL of at most {WebUrl.MaxLength} characters.");

    public static IRuleBuilderOptions<T, string?> ValidSlug<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => v is null || Slug.IsValid(v, maxLength)).WithMessage($"Must be lowercase letters, digits and single hyphens, at most {maxLength} characters.");

    public static IRuleBuilderOptions<T, JsonElement?> JsonObjectUpTo16K<T>(this IRuleBuilder<T, JsonElement?> rule) =>
        rule.Must(v => v is null || v.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
            .WithMessage("Must be a JSON object.")
            .Must(v => v is null || v.Value.GetRawText().Length <= MetadataMaxBytes)
            .WithMessage($"Must be at most {MetadataMaxBytes} bytes of JSON.");

    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || !v.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            .WithMessage("Must not contain control characters.");

    /// <summary>The JSON text stored for an optional metadata object.</summary>
    public static string? ToStoredJson(this JsonElement? value) =>
        value is null || value.Value.ValueKind == JsonValueKind.Null ? null : value.Value.GetRawText();
}
