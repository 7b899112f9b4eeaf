using System.Text.Json;

namespace Catalog.Application.Common.Validation;

/// <summary>
/// Text that PostgreSQL cannot store: a NUL character (refused by <c>text</c> and <c>jsonb</c>) or an unpaired UTF-16
/// surrogate (refused by <c>jsonb</c>), raw or escaped (<c>\u0000</c>, <c>\ud800</c>). One definition for the input
/// guard of ordinary bodies and for the import reader, which checks its file row by row instead (ADR-072).
/// </summary>
public static class StorableText
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>True when UTF-8 JSON holds a raw NUL byte, or a string or property name that unescapes to a NUL or an unpaired surrogate.</summary>
    public static bool JsonHasUnstorableText(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf((byte)0) >= 0)
        {
            return true;
        }

        // Only an escape (\u0000, \ud800) can smuggle such text past the UTF-8 check of the reader.
        if (json.IndexOf((byte)'\\') < 0)
        {
            return false;
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped
                    && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }
        catch (InvalidOperationException)
        {
            // GetString refuses an escaped unpaired surrogate ("\ud800").
            return true;
        }
        catch (JsonException)
        {
            // Malformed JSON is left to the binder, which reports it as such.
            return false;
        }

        return false;
    }
}
