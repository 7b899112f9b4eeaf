using System.Text.Json;
using System.Text.RegularExpressions;
using Asp.Versioning.ApiExplorer;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.WebApi.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The OpenAPI documents come from Asp.Versioning's API explorer (one group, so one document, per version), not from
/// a hand-written path rewrite: the operations of <c>/openapi/v1.json</c> are the ones served before the move
/// (OpenApiOperations.v1.expected.txt, taken from the Mvc.Versioning 5 document; path parameter names are written
/// <c>{}</c> there, as naming them is the OpenAPI contract's business), under <c>/api/v1/...</c> with no
/// <c>version</c> parameter.
/// </summary>
public sealed partial class VersionedOpenApiTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task OpenApiV1_ListsTheSameOperationsAsBefore_UnderApiV1_WithoutAVersionParameter()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var actual = new List<string>();
        var versionParameters = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            versionParameters.AddRange(VersionParameters(path.Value).Select(_ => path.Name));
            foreach (var method in Methods.Where(m => path.Value.TryGetProperty(m, out _)))
            {
                actual.Add($"{method.ToUpperInvariant()} {PathParameter().Replace(path.Name, "{}")}");
                versionParameters.AddRange(VersionParameters(path.Value.GetProperty(method)).Select(_ => $"{method} {path.Name}"));
            }
        }

        actual.Sort(StringComparer.Ordinal);
        var expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Foundation", "OpenApiOperations.v1.expected.txt"))
            .Where(line => line.Length > 0)
            .ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"Operations differ from OpenApiOperations.v1.expected.txt.\nExpected but not served:\n  {string.Join("\n  ", expected.Except(actual))}\nServed but not expected:\n  {string.Join("\n  ", actual.Except(expected))}");
        Assert.Empty(versionParameters);
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

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"""/openapi/[^""]+\.json""")]
    private static partial Regex OpenApiUrl();
}
