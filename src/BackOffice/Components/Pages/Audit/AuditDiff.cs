using System.Text.Json;

namespace Catalog.BackOffice.Components.Pages.Audit;

/// <summary>
/// An audit entry's <c>changes</c> (<c>{field: {before, after}}</c>) as rows a person reads: nested objects are opened
/// into dotted paths so the one property that changed stands out, and each row says whether the field was added,
/// removed or changed. Presentation only: what changed was decided when the entry was written.
/// </summary>
public static class AuditDiff
{
    public enum Kind
    {
        Changed,
        Added,
        Removed,
    }

    public sealed record Row(string Field, Kind Kind, string? Before, string? After);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = false };

    /// <summary>The rows, or null when <paramref name="changes"/> is not in the before/after shape (shown raw then).</summary>
    public static IReadOnlyList<Row>? Rows(JsonElement? changes)
    {
        if (changes is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var rows = new List<Row>();
        foreach (var field in root.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Object
                || !field.Value.TryGetProperty("before", out var before)
                || !field.Value.TryGetProperty("after", out var after))
            {
                return null;
            }

            Compare(field.Name, before, after, rows);
        }

        return rows;
    }

    /// <summary>Any JSON value as one line of text (a string without its quotes).</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        _ => JsonSerializer.Serialize(value, Indented),
    };

    private static void Compare(string path, JsonElement before, JsonElement after, List<Row> rows)
    {
        if (before.ValueKind == JsonValueKind.Object && after.ValueKind == JsonValueKind.Object)
        {
            var names = before.EnumerateObject().Select(p => p.Name).Union(after.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
            foreach (var name in names)
            {
                var b = before.TryGetProperty(name, out var bv) ? bv : default;
                var a = after.TryGetProperty(name, out var av) ? av : default;
                if (!Same(b, a))
                {
                    Compare(path + "." + name, b, a, rows);
                }
            }

            return;
        }

        var hadBefore = !IsAbsent(before);
        var hasAfter = !IsAbsent(after);
        var kind = hadBefore && hasAfter ? Kind.Changed : hasAfter ? Kind.Added : Kind.Removed;
        rows.Add(new Row(path, kind, hadBefore ? Text(before) : null, hasAfter ? Text(after) : null));
    }

    private static bool IsAbsent(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    private static bool Same(JsonElement a, JsonElement b) =>
        IsAbsent(a) && IsAbsent(b) || !IsAbsent(a) && !IsAbsent(b) && JsonElement.DeepEquals(a, b);
}
