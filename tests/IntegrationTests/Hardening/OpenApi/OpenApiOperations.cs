using System.Text.Json;

namespace Catalog.IntegrationTests.Hardening.OpenApi;

/// <summary>One parameter of an operation as the OpenAPI document declares it (path, query or header).</summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, JsonElement Schema)
{
    public string? Type => Schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    public string? Format => Schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    public IReadOnlyList<string> EnumValues =>
        Schema.TryGetProperty("enum", out var values) ? [.. values.EnumerateArray().Select(v => v.ToString())] : [];
}

/// <summary>One operation (method + path template) of <c>/openapi/v1.json</c>, with its parameters and request body schema.</summary>
public sealed record OpenApiOperation(
    string Method,
    string PathTemplate,
    string? OperationId,
    IReadOnlyList<OpenApiParameter> Parameters,
    IReadOnlyList<string> RequestContentTypes,
    JsonElement? RequestBodySchema)
{
    /// <summary>"POST /api/v1/products/{id}/stock" — the key a test table uses for this operation.</summary>
    public string Key => $"{Method} {PathTemplate}";

    public IEnumerable<OpenApiParameter> PathParameters => Parameters.Where(p => p.In == "path");

    public IEnumerable<OpenApiParameter> QueryParameters => Parameters.Where(p => p.In == "query");

    public bool HasBody => RequestContentTypes.Count > 0;

    /// <summary>The path with each <c>{name}</c> replaced by <paramref name="valueFor"/>'s answer (URL-escaped).</summary>
    public string BuildPath(Func<OpenApiParameter, string> valueFor)
    {
        var path = PathTemplate;
        foreach (var parameter in PathParameters)
        {
            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(valueFor(parameter)), StringComparison.Ordinal);
        }

        return path;
    }

    public override string ToString() => Key;
}

/// <summary>Reads the served OpenAPI document into <see cref="OpenApiOperation"/>s, resolving <c>$ref</c> schemas.</summary>
public sealed class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private OpenApiOperations(JsonDocument document, IReadOnlyList<OpenApiOperation> operations)
    {
        Document = document;
        All = operations;
    }

    public JsonDocument Document { get; }

    public IReadOnlyList<OpenApiOperation> All { get; }

    public static async Task<OpenApiOperations> LoadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var common) ? ReadParameters(common) : [];
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation))
                {
                    continue;
                }

                var parameters = operation.TryGetProperty("parameters", out var own) ? [.. shared, .. ReadParameters(own)] : shared;
                var contentTypes = new List<string>();
                JsonElement? bodySchema = null;
                if (operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    foreach (var mediaType in content.EnumerateObject())
                    {
                        contentTypes.Add(mediaType.Name);
                        if (bodySchema is null && mediaType.Value.TryGetProperty("schema", out var schema))
                        {
                            bodySchema = schema;
                        }
                    }
                }

                var operationId = operation.TryGetProperty("operationId", out var id) ? id.GetString() : null;
                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), path.Name, operationId, parameters, contentTypes, bodySchema));
            }
        }

        return new OpenApiOperations(document, operations);
    }

    /// <summary>Follows a <c>$ref</c> ("#/components/schemas/X") to its schema; any other schema comes back as it is.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var target = Document.RootElement;
            foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(segment);
            }

            schema = target;
        }

        return schema;
    }

    private static List<OpenApiParameter> ReadParameters(JsonElement parameters) =>
    [
        .. parameters.EnumerateArray().Select(p => new OpenApiParameter(
            p.GetProperty("name").GetString()!,
            p.GetProperty("in").GetString()!,
            p.TryGetProperty("required", out var required) && required.GetBoolean(),
            p.TryGetProperty("schema", out var schema) ? schema : default)),
    ];
}
