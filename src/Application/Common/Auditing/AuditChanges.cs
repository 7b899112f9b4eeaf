using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Application.Common.Auditing;

/// <summary>Builds the before/after of changed fields for an audit entry; secrets never enter it.</summary>
public static class AuditChanges
{
    public const string RedactedValue = "[redacted]";

    // Compared after lower-casing and dropping '_' and '-', so "api_key", "Api-Key" and "apiKey" all match.
    private static readonly HashSet<string> ExactNames = new(StringComparer.Ordinal)
    {
        "key", "pwd", "salt", "otp", "pin", "cvv", "ssn", "securitystamp", "stamp",
    };

    private static readonly string[] Fragments =
    [
        "password", "passwd", "passphrase", "secret", "token", "apikey", "privatekey", "signingkey", "credential",
        "authorization", "cookie",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>True when a field of that name holds a secret: a password, a hash, a token, a key.</summary>
    public static bool IsRedacted(string field)
    {
        var name = Normalize(field);
        return ExactNames.Contains(name)
            || name.EndsWith("hash", StringComparison.Ordinal)
            || name.EndsWith("key", StringComparison.Ordinal) && name.Length > 3 && !name.EndsWith("sortkey", StringComparison.Ordinal)
            || Fragments.Any(f => name.Contains(f, StringComparison.Ordinal));
    }

    /// <summary>Every public property of a create request, as after-values.</summary>
    public static IReadOnlyDictionary<string, AuditChange> Created(object request)
    {
        var changes = new Dictionary<string, AuditChange>(StringComparer.Ordinal);
        foreach (var property in request.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var value = property.GetValue(request);
            if (value is null || value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined })
            {
                continue;
            }

            changes[name] = new AuditChange(null, IsRedacted(name) ? RedactedValue : Scrub(value));
        }

        return changes;
    }

    /// <summary>Only the fields whose values differ between two snapshots.</summary>
    public static IReadOnlyDictionary<string, AuditChange> Diff(IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after)
    {
        var changes = new Dictionary<string, AuditChange>(StringComparer.Ordinal);
        foreach (var key in before.Keys.Union(after.Keys))
        {
            before.TryGetValue(key, out var b);
            after.TryGetValue(key, out var a);
            if (!JsonEquals(b, a))
            {
                changes[key] = IsRedacted(key) ? new AuditChange(RedactedValue, RedactedValue) : new AuditChange(Scrub(b), Scrub(a));
            }
        }

        return changes;
    }

    /// <summary>
    /// A value fit for the audit log: scalars pass through; objects, arrays and JSON text are copied with every
    /// property whose name looks secret (at any depth) replaced by <see cref="RedactedValue"/>.
    /// </summary>
    public static object? Scrub(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return LooksLikeJson(text) && TryParse(text) is { } parsed ? Redact(parsed) : (object)text;
            case JsonElement element:
                return element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? Redact(JsonNode.Parse(element.GetRawText())) : (object)element;
            case JsonNode node:
                return Redact(node.DeepClone());
            default:
                if (value.GetType().IsPrimitive || value is decimal or Guid or DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Enum)
                {
                    return value;
                }

                return Redact(JsonSerializer.SerializeToNode(value, Json));
        }
    }

    private static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsRedacted(name))
                    {
                        obj[name] = RedactedValue;
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }

        return node;
    }

    private static string Normalize(string field) =>
        string.Concat(field.Where(c => c is not '_' and not '-' and not ' ')).ToLowerInvariant();

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 1 && trimmed[0] is '{' or '[';
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool JsonEquals(object? a, object? b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
