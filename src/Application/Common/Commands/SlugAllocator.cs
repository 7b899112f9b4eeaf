using Catalog.Domain.Common;

namespace Catalog.Application.Common.Commands;

/// <summary>
/// The one slug rule of brands, categories and products: a requested slug must be free (409
/// <c>{resource}.slug_taken</c>), an existing aggregate keeps its own, otherwise the name's slug (or the resource's
/// name when the name has no slug characters) with the first free suffix: name, name-2, name-3, ...
/// </summary>
internal static class SlugAllocator
{
    public static async Task<Result<string>> ResolveAsync(
        string resource, string? requested, string? current, string name, int maxLength, Func<string, Task<bool>> isTaken)
    {
        if (requested is not null)
        {
            return await isTaken(requested)
                ? Error.Conflict($"{resource}.slug_taken", $"The slug '{requested}' is already in use.")
                : requested;
        }

        if (current is not null)
        {
            return current;
        }

        var baseSlug = BaseOf(name, maxLength, resource);
        var slug = baseSlug;
        for (var n = 2; await isTaken(slug); n++)
        {
            slug = Candidate(baseSlug, n, maxLength);
        }

        return slug;
    }

    /// <summary>The slug of a name, or <paramref name="fallback"/> when the name has no slug characters.</summary>
    public static string BaseOf(string name, int maxLength, string fallback)
    {
        var slug = Slug.From(name, maxLength);
        return slug.Length == 0 ? fallback : slug;
    }

    /// <summary>The n-th candidate for a base slug: the base itself for 1, then base-2, base-3, ...</summary>
    public static string Candidate(string baseSlug, int n, int maxLength) =>
        n == 1 ? baseSlug : Slug.WithSuffix(baseSlug, n, maxLength);
}
