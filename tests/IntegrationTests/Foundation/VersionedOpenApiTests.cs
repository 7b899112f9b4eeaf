using System.Text.Json;
using System.Text.RegularExpressions;
using Asp.Versioning.ApiExplorer;
using Catalog.IntegrationTests.Hardening.OpenApi;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The OpenAPI documents come from Asp.Versioning's API explorer (one group, so one document, per version), not from
/// a hand-written path rewrite: <c>/openapi/v1.json</c> serves under <c>/api/v1/...</c>, with no <c>version</c>
/// parameter, exactly the operations docs/api.md lists in "Every operation" (ADR-081; until then a list in this folder,
/// taken from the Mvc.Versioning 5 document), each with the operationId and the authorization listed there. So an
/// operation cannot leave the client contract unnoticed (listed, not served), nor arrive undocumented (served, not listed).
/// </summary>
public sealed partial class VersionedOpenApiTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task OpenApiV1_ServesExactlyTheOperationsApiMdLists_UnderApiV1_WithoutAVersionParameter()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var served = new Dictionary<string, string?>(StringComparer.Ordinal);
        var versionParameters = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            versionParameters.AddRange(VersionParameters(path.Value).Select(_ => path.Name));
            foreach (var method in Methods.Where(m => path.Value.TryGetProperty(m, out _)))
            {
                var operation = path.Value.GetProperty(method);
                served[$"{method.ToUpperInvariant()} {path.Name}"] = operation.TryGetProperty("operationId", out var id) ? id.GetString() : null;
                versionParameters.AddRange(VersionParameters(operation).Select(_ => $"{method} {path.Name}"));
            }
        }

        var listed = ApiMdOperations();
        var demands = EndpointRoutes.Read(factory.Services).ToDictionary(r => r.Key, r => r.Who, StringComparer.Ordinal);
        var wrong = new List<string>();
        wrong.AddRange(listed.Keys.Except(served.Keys).Order(StringComparer.Ordinal).Select(k => $"listed in docs/api.md but not served: {k}"));
        wrong.AddRange(served.Keys.Except(listed.Keys).Order(StringComparer.Ordinal).Select(k => $"served but not listed in docs/api.md: {k}"));
        foreach (var (key, (operationId, who)) in listed.Where(l => served.ContainsKey(l.Key)))
        {
            if (served[key] != operationId)
            {
                wrong.Add($"{key}: operationId {served[key]}, docs/api.md says {operationId}");
            }

            if (demands.GetValueOrDefault(key) != who)
            {
                wrong.Add($"{key}: the endpoint demands '{demands.GetValueOrDefault(key)}', docs/api.md says '{who}'");
            }
        }

        Assert.True(listed.Count >= 60, $"only {listed.Count} operations read from docs/api.md");
        Assert.True(wrong.Count == 0, "docs/api.md's \"Every operation\" and /openapi/v1.json differ:\n  " + string.Join("\n  ", wrong));
        Assert.Empty(versionParameters);
    }

    /// <summary>The rows of docs/api.md's "Every operation" table: key → (operationId, who, without a bracketed note).</summary>
    private static Dictionary<string, (string OperationId, string Who)> ApiMdOperations()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "api.md"));
        var section = text[text.IndexOf("\n## Every operation\n", StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", 5, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match row in OperationRow().Matches(section))
        {
            Assert.True(rows.TryAdd(row.Groups[1].Value, (row.Groups[2].Value, row.Groups[3].Value.Trim())), $"docs/api.md lists {row.Groups[1].Value} twice");
        }

        return rows;
    }

    [Fact]
    public async Task EveryApiExplorerGroup_IsServedAsADocument_AndListedOnceInSwaggerUi()
    {
        var groups = factory.Services.GetRequiredService<IApiVersionDescriptionProvider>().ApiVersionDescriptions
            .Select(d => d.GroupName)
            .ToList();
        Assert.Equal(VersioningSetup.Served.Select(VersioningSetup.DocumentName), groups);
        Assert.Equal(["v1"], groups);

        var client = factory.CreateClient();
        var swaggerConfig = await client.GetStringAsync("/swagger/index.js");
        Assert.Equal(groups.Count, OpenApiUrl().Matches(swaggerConfig).Count);
        foreach (var group in groups)
        {
            using var document = JsonDocument.Parse(await client.GetStringAsync($"/openapi/{group}.json"));
            Assert.Equal(group, document.RootElement.GetProperty("info").GetProperty("version").GetString());
            Assert.All(document.RootElement.GetProperty("paths").EnumerateObject(), p => Assert.StartsWith($"/api/{group}/", p.Name, StringComparison.Ordinal));
            Assert.Contains($"\"/openapi/{group}.json\"", swaggerConfig, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<JsonElement> VersionParameters(JsonElement owner) =>
        owner.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray().Where(p => p.TryGetProperty("name", out var name) && name.GetString() == VersioningSetup.RouteParameter)
            : [];

    [GeneratedRegex(@"^\| `((?:GET|POST|PUT|PATCH|DELETE) /[^`]+)` \| `(\w+)` \| ([^|(]+?)(?: \([^|]*\))? \|$", RegexOptions.Multiline)]
    private static partial Regex OperationRow();

    [GeneratedRegex(@"""/openapi/[^""]+\.json""")]
    private static partial Regex OpenApiUrl();
}
