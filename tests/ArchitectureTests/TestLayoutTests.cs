using System.Text.RegularExpressions;
using Catalog.Application.Common.Messaging;
using Catalog.Domain.Common;

namespace Catalog.ArchitectureTests;

/// <summary>
/// The test projects mirror the code they test (tests/README.md): an integration test of a use case sits in the folder
/// of its Application feature area (<c>Brands/</c>, never <c>BrandsCommands/</c> or <c>BrandQueries/</c> beside it),
/// and only the cross-cutting folders listed here hold anything else. A domain unit test sits in the folder of its
/// Domain namespace. Namespaces follow the folders.
/// </summary>
public sealed partial class TestLayoutTests
{
    /// <summary>Integration-test folders that belong to no one feature, with what goes there.</summary>
    public static readonly IReadOnlyDictionary<string, string> CrossCuttingFolders = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Infrastructure"] = "the fixture (CatalogApiFactory, PostgresServer) and helpers every feature's tests use",
        ["Foundation"] = "host start-up, migrations, model names, the OpenAPI document's operation list",
        ["Hardening"] = "security rules across every endpoint: authorization, limits, rate limits, forwarded headers",
        ["Faults"] = "database restarts, pool exhaustion, timeouts, shutdown",
        ["Caching"] = "output cache and cross-instance invalidation",
        ["ScaleOut"] = "several instances on one database and one Redis (RedisServer): shared budgets and cache, Redis outages",
        ["Idempotency"] = "Idempotency-Key replay for every command",
        ["Audit"] = "the audit trail every command and security event leaves (the audit-log query is in AuditLogs/)",
        ["Paging"] = "the keyset cursor shared by every list",
        ["OpenApi"] = "the OpenAPI contract and the client generated from it",
        ["BackOffice"] = "staff reads and restores that span several features in one scenario",
        ["DemoData"] = "the development demo-data generator",
        ["Observability"] = "traces, metrics, logs and readiness details across every request (the database-health read is in DatabaseHealth/)",
        ["Replicas"] = "reads on a streaming standby: read-your-writes across hosts, a replica down or lagging (ADR-100)",
    };

    [Fact]
    public void IntegrationTestFolders_AreApplicationFeatureAreas_OrListedCrossCuttingFolders()
    {
        var areas = ApplicationAreas();
        var stray = TopLevelFolders("IntegrationTests")
            .Where(folder => !areas.Contains(folder) && !CrossCuttingFolders.ContainsKey(folder))
            .ToList();

        Assert.True(stray.Count == 0,
            $"tests/IntegrationTests has folders that are neither an Application feature area ({string.Join(", ", areas.Order(StringComparer.Ordinal))}) "
            + $"nor a listed cross-cutting folder: {string.Join(", ", stray)}. Put the tests in the feature's folder (tests/README.md).");
    }

    [Fact]
    public void CrossCuttingFolders_AreNotNamedLikeAFeatureArea()
    {
        var areas = ApplicationAreas();
        Assert.NotEmpty(areas);
        Assert.DoesNotContain(CrossCuttingFolders.Keys, areas.Contains);
    }

    [Fact]
    public void DomainUnitTestFolders_AreDomainNamespaces()
    {
        var domainAreas = typeof(Entity).Assembly.GetTypes()
            .Select(t => t.Namespace?.Split('.'))
            .Where(parts => parts is { Length: > 2 } && parts[1] == "Domain")
            .Select(parts => parts![2])
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(domainAreas);
        Assert.All(TopLevelFolders("Domain.UnitTests"), folder => Assert.Contains(folder, domainAreas));
    }

    [Fact]
    public void IntegrationTestNamespaces_FollowTheirFolders()
    {
        var root = Path.Combine(RepositoryFiles.Root(), "tests", "IntegrationTests");
        var wrong = new List<string>();
        foreach (var file in SourceFiles(root))
        {
            var relative = Path.GetRelativePath(root, file);
            if (relative == Path.Combine("OpenApi", "GeneratedClientScenario.cs"))
            {
                continue; // compiled at test time against the generated client, in that client's namespace
            }

            var folder = Path.GetDirectoryName(relative)!;
            var expected = "Catalog.IntegrationTests" + (folder.Length == 0 ? "" : "." + folder.Replace(Path.DirectorySeparatorChar, '.'));
            var declared = NamespaceLine().Match(File.ReadAllText(file)).Groups[1].Value;
            if (declared != expected)
            {
                wrong.Add($"{relative}: namespace {declared}, expected {expected}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>The feature areas: the second segment of every Catalog.Application namespace but Common.</summary>
    private static HashSet<string> ApplicationAreas() =>
        typeof(ICommandBase).Assembly.GetTypes()
            .Select(t => t.Namespace?.Split('.'))
            .Where(parts => parts is { Length: > 2 } && parts[1] == "Application" && parts[2] != "Common")
            .Select(parts => parts![2])
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The project's top-level folders that hold source files (bin, obj and empty leftovers aside).</summary>
    private static List<string> TopLevelFolders(string project)
    {
        var root = Path.Combine(RepositoryFiles.Root(), "tests", project);
        return Directory.GetDirectories(root)
            .Select(dir => Path.GetFileName(dir))
            .Where(name => name is not ("bin" or "obj") && SourceFiles(Path.Combine(root, name)).Any())
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
