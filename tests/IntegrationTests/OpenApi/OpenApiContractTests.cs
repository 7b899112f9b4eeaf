using System.Text.Json;
using System.Text.RegularExpressions;
using Catalog.IntegrationTests.Hardening.OpenApi;
using Catalog.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.OpenApi;

/// <summary>The served OpenAPI document is a contract clients generate from (ADR-082).</summary>
public sealed partial class OpenApiContractTests(CatalogApiFactory factory, ITestOutputHelper output) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task EveryOperation_HasAUniqueCamelCaseOperationId_AndASummary()
    {
        var document = await OpenApiOperations.LoadAsync(factory.CreateClient());

        Assert.NotEmpty(document.All);
        Assert.All(document.All, operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.OperationId), $"{operation} has no operationId");
            Assert.Matches(CamelCase(), operation.OperationId!);
            Assert.False(string.IsNullOrWhiteSpace(SummaryOf(document, operation)), $"{operation} has no summary");
        });
        var duplicates = document.All.GroupBy(o => o.OperationId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g)}").ToList();
        Assert.True(duplicates.Count == 0, "operationIds used twice: " + string.Join("; ", duplicates));
    }

    [Fact]
    public async Task EveryPathPosition_HasOneParameterName()
    {
        var document = await OpenApiOperations.LoadAsync(factory.CreateClient());

        // "/api/v1/products/{}" → the names used there: two names at one position make two paths for one URL (Kiota's
        // "path signature MUST be unique") or, below it, one generated indexer with two spellings.
        var namesByPosition = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var path in document.All.Select(o => o.PathTemplate).Distinct(StringComparer.Ordinal))
        {
            var segments = path.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (Parameter().Match(segments[i]) is { Success: true } match)
                {
                    var position = string.Join('/', segments[..i].Select(s => Parameter().IsMatch(s) ? "{}" : s)) + "/{}";
                    namesByPosition.TryAdd(position, new SortedSet<string>(StringComparer.Ordinal));
                    namesByPosition[position].Add(match.Groups[1].Value);
                }
            }
        }

        var conflicts = namesByPosition.Where(p => p.Value.Count > 1).Select(p => $"{p.Key}: {string.Join(", ", p.Value)}").ToList();
        Assert.True(conflicts.Count == 0, "path positions with more than one parameter name: " + string.Join("; ", conflicts));
    }

    [Fact]
    public async Task Document_HasALicence_AndADescriptionForEveryTag()
    {
        var document = await OpenApiOperations.LoadAsync(factory.CreateClient());
        var root = document.Document.RootElement;

        Assert.False(string.IsNullOrEmpty(root.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
        var tags = root.GetProperty("tags").EnumerateArray().ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, tag => Assert.True(
            tag.TryGetProperty("description", out var description) && description.GetString()?.Length > 0,
            $"tag {tag.GetProperty("name")} has no description"));
    }

    [Fact]
    public async Task ServedDocument_PassesRedoclyRecommendedLint_WithNoErrors()
    {
        var lintFolder = Path.Combine(OpenApiTooling.RepositoryRoot, "tools", "openapi-lint");
        if (!File.Exists(Path.Combine(lintFolder, "node_modules", "@redocly", "cli", "package.json")))
        {
            var (restored, restoreOutput) = await OpenApiTooling.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], lintFolder);
            Assert.True(restored == 0, "npm ci failed in tools/openapi-lint:\n" + restoreOutput);
        }

        var documentPath = await OpenApiTooling.WriteServedDocumentAsync(factory.CreateClient());
        var (exitCode, lint) = await OpenApiTooling.RunAsync(
            "npx", ["--no-install", "redocly", "lint", documentPath, "--config", "redocly.yaml", "--format", "stylish", "--max-problems", "1000"], lintFolder);
        OpenApiTooling.DeleteServedDocument(documentPath);
        output.WriteLine(lint);

        Assert.DoesNotMatch(LintErrors(), lint);
        Assert.True(exitCode == 0, $"redocly lint exited with {exitCode}:\n{lint}");
    }

    private static string? SummaryOf(OpenApiOperations document, OpenApiOperation operation) =>
        document.Document.RootElement.GetProperty("paths").GetProperty(operation.PathTemplate)
            .GetProperty(operation.Method.ToLowerInvariant()).TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.String
            ? summary.GetString()
            : null;

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"^\{([^}]+)\}$")]
    private static partial Regex Parameter();

    // Redocly's stylish format prints each problem as "line:column  error  rule  message".
    [GeneratedRegex(@"\d+:\d+\s+error\s")]
    private static partial Regex LintErrors();
}
