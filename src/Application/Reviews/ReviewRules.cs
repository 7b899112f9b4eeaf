using System.Text.Json;
using Catalog.Application.Common.Validation;
using Catalog.Domain.Common;
using Catalog.Domain.Reviews;
using FluentValidation;

namespace Catalog.Application.Reviews;

/// <summary>Field rules shared by the create and edit validators.</summary>
internal static class ReviewRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string?> title, Func<T, string?> comment, Func<T, IReadOnlyList<string>?> pros, Func<T, IReadOnlyList<string>?> cons, Func<T, JsonElement?> images)
    {
        v.RuleFor(c => title(c)).MaximumLength(Review.TitleMaxLength).NoControlCharacters().OverridePropertyName("title");
        v.RuleFor(c => comment(c)).MaximumLength(Review.CommentMaxLength).NoControlCharacters().OverridePropertyName("comment");
        v.RuleFor(c => pros(c)).Must(BePoints).WithMessage($"At most {Review.MaxPoints} points of 1 to {Review.PointMaxLength} characters.").OverridePropertyName("pros");
        v.RuleFor(c => cons(c)).Must(BePoints).WithMessage($"At most {Review.MaxPoints} points of 1 to {Review.PointMaxLength} characters.").OverridePropertyName("cons");
        v.RuleFor(c => images(c)).Must(BeImages).WithMessage($"Must be an array of at most {Review.MaxImages} absolute http(s) URLs.").OverridePropertyName("images");
    }

    private static bool BePoints(IReadOnlyList<string>? points) =>
        points is null || (points.Count <= Review.MaxPoints && points.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= Review.PointMaxLength && !p.Any(char.IsControl)));

    private static bool BeImages(JsonElement? images) =>
        images is null || images.Value.ValueKind == JsonValueKind.Null
        || (images.Value.ValueKind == JsonValueKind.Array && images.Value.GetArrayLength() <= Review.MaxImages
            && images.Value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String && WebUrl.IsValid(i.GetString())));

    public static string? ToJson(JsonElement? images) =>
        images is null || images.Value.ValueKind == JsonValueKind.Null ? null : images.Value.GetRawText();
}
