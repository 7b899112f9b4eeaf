using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Catalog.IntegrationTests.Observability;

/// <summary>
/// deploy/observability: the alert rules pass <c>promtool check rules</c> (Debian's prometheus package; .ci/run
/// installs it), and every series the rules and the Grafana dashboard read is one docs/operations.md lists.
/// </summary>
public sealed partial class AlertRulesTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task AlertRules_PassPromtoolCheck()
    {
        var rules = Path.Combine(Root, "deploy", "observability", "alert-rules.yml");
        var start = new ProcessStartInfo("promtool", ["check", "rules", rules]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var promtool = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start (apt-get install prometheus)");
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        Assert.True(promtool.ExitCode == 0, output);
        Assert.Contains("SUCCESS: 7 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySeriesOfTheRulesAndTheDashboard_IsListedInOperationsMd()
    {
        var operations = File.ReadAllText(Path.Combine(Root, "docs", "operations.md"));
        var used = new[] { "alert-rules.yml", "grafana-dashboard.json" }
            .SelectMany(file => SeriesName().Matches(File.ReadAllText(Path.Combine(Root, "deploy", "observability", file))))
            .Select(m => Suffix().Replace(m.Value, string.Empty))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(operations.Contains($"`{name}", StringComparison.Ordinal), $"{name} is not in docs/operations.md"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Catalog.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Catalog.sln not found above the test's directory.");
    }

    [GeneratedRegex(@"\b(?:catalog|http_server|db_client|dotnet)_[a-z_]+\b")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"_(?:bucket|count|sum)$")]
    private static partial Regex Suffix();
}
