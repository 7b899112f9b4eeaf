using System.Globalization;
using System.Text;

namespace Catalog.Domain.Common;

/// <summary>URL-safe identifiers: lowercase ASCII letters, digits and single hyphens.</summary>
public static class Slug
{
    public const int MaxLength = 255;

    private static readonly Dictionary<char, string> Transliterations = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['ø'] = "o", ['Ø'] = "o", ['đ'] = "d", ['Đ'] = "d",
        ['ł'] = "l", ['Ł'] = "l", ['œ'] = "oe", ['Œ'] = "oe", ['þ'] = "th", ['ð'] = "d", ['&'] = "and",
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch", ['ы'] = "y", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    /// <summary>Makes a slug from free text: "Crème Brûlée & Co." → "creme-brulee-and-co".</summary>
    public static string From(string text, int maxLength = MaxLength)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasHyphen = true;
        foreach (var raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (Transliterations.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
                lastWasHyphen = false;
            }
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
                lastWasHyphen = false;
            }
            else if (!lastWasHyphen)
            {
                builder.Append('-');
                lastWasHyphen = true;
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            slug = slug[..maxLength].TrimEnd('-');
        }

        return slug;
    }

    public static bool IsValid(string? slug, int maxLength = MaxLength) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= maxLength && slug == From(slug, maxLength);

    /// <summary>"name" → "name-2", "name-3", ...; the suffix stays inside <paramref name="maxLength"/>.</summary>
    public static string WithSuffix(string slug, int n, int maxLength = MaxLength)
    {
        var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
        var head = slug.Length + suffix.Length > maxLength ? slug[..(maxLength - suffix.Length)].TrimEnd('-') : slug;
        return head + suffix;
    }
}
