using System.Text.Json;
using System.Xml.Linq;

namespace Catalog.ArchitectureTests;

/// <summary>
/// The process-wide runtime settings the API ships in Catalog.WebApi.runtimeconfig.json (docs/operations.md, "Garbage
/// collector"): read from the file the build wrote, which is what `dotnet Catalog.WebApi.dll` starts with.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void WebApiRuntimeConfig_RunsConcurrentWorkstationGc()
    {
        var properties = ConfigProperties();

        // ADR-121: on the 2-core benchmark machine Workstation GC kept the API's RSS at 1m 33-42 MB under Server GC's,
        // with the reads' throughput within the noise; Server GC with DATAS had cost the detail 20 % (ADR-117).
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.TryGetProperty("System.GC.DynamicAdaptationMode", out _), "DATAS applies to Server GC only; ADR-117 is superseded");
    }

    /// <summary>
    /// The benchmark's in-process ceiling (tests/Benchmarks) is the API's yardstick for the product detail (issue 29):
    /// it must run the API's garbage collector, or the ratio compares two runtimes.
    /// </summary>
    [Fact]
    public void BenchmarkCeiling_RunsTheApisGcSettings()
    {
        var api = GcProperties(Path.Combine("src", "WebApi", "WebApi.csproj"));
        var ceiling = GcProperties(Path.Combine("tests", "Benchmarks", "Benchmarks.csproj"));

        Assert.NotEmpty(api);
        Assert.Equal(api, ceiling);
    }

    private static SortedDictionary<string, string> GcProperties(string project)
    {
        var xml = XDocument.Load(Path.Combine(RepositoryFiles.Root(), project));
        return new SortedDictionary<string, string>(
            xml.Descendants()
                .Where(e => e.Name.LocalName is "ServerGarbageCollection" or "ConcurrentGarbageCollection" or "GarbageCollectionAdaptationMode")
                .ToDictionary(e => e.Name.LocalName, e => e.Value.Trim()),
            StringComparer.Ordinal);
    }

    private static JsonElement ConfigProperties()
    {
        // The WebApi project reference copies its runtimeconfig next to this assembly.
        var path = Path.Combine(AppContext.BaseDirectory, "Catalog.WebApi.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is missing: the WebApi build writes it");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
