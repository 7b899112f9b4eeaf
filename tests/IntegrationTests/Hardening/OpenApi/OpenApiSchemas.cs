using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>Small readings of OpenAPI 3.1 schemas: the effective type (nullable unions unwrapped) and a plausible sample value.</summary>
public static class OpenApiSchemas
{
    /// <summary>The schema itself, or for <c>oneOf/anyOf/allOf</c> (how nullable references are written) its first non-null member.</summary>
    public static JsonElement Unwrap(this OpenApiOperations document, JsonElement schema)
    {
        schema = document.Resolve(schema);
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(combinator, out var members))
            {
                foreach (var member in members.EnumerateArray())
                {
                    var resolved = document.Resolve(member);
                    if (TypeOf(resolved) != "null")
                    {
                        return document.Unwrap(resolved);
                    }
                }
            }
        }

        return schema;
    }

    /// <summary>"string", "integer", "number", "boolean", "array", "object" (or null when not said); a type list loses its "null".</summary>
    public static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        var named = type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList();
        // Numbers that may also be read from strings are written as ["integer", "string"]: the number is the type.
        return named.FirstOrDefault(t => t is "integer" or "number") ?? named.FirstOrDefault();
    }

    public static string? FormatOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    public static IReadOnlyList<string> EnumOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values)
            ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    /// <summary>The body's properties (name → unwrapped schema); empty when the body is not an object.</summary>
    public static IReadOnlyList<(string Name, JsonElement Schema)> PropertiesOf(this OpenApiOperations document, JsonElement bodySchema)
    {
        var schema = document.Unwrap(bodySchema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(p => (p.Name, document.Unwrap(p.Value)))]
            : [];
    }

    /// <summary>A sample body: every property with a plausible value, so that one changed property is what a case tests.</summary>
    public static JsonObject SampleBody(this OpenApiOperations document, JsonElement bodySchema)
    {
        var body = new JsonObject();
        foreach (var (name, schema) in document.PropertiesOf(bodySchema))
        {
            body[name] = SampleValue(name, schema);
        }

        return body;
    }

    private static JsonNode? SampleValue(string name, JsonElement schema)
    {
        var lower = name.ToLowerInvariant();
        if (EnumOf(schema) is [var first, ..])
        {
            return first;
        }

        return TypeOf(schema) switch
        {
            "integer" => lower switch { "rating" => 4, "delta" => 1, _ => 1 },
            "number" => 10,
            "boolean" => true,
            "array" => lower == "roles" ? new JsonArray("user") : new JsonArray(),
            "object" => new JsonObject(),
            _ when FormatOf(schema) == "uuid" => null,
            _ when FormatOf(schema) == "date-time" => null,
            _ => lower switch
            {
                "email" => "nobody-bad-input@example.com",
                "password" or "newpassword" or "currentpassword" => "correct horse battery staple",
                _ when lower.EndsWith("url", StringComparison.Ordinal) => "https://example.com/x.png",
                _ => "Bad input sample",
            },
        };
    }
}
