using System.Text.Json;

namespace Catalog.ArchitectureTests;

/// <summary>
/// The process-wide runtime settings the API ships in Catalog.WebApi.runtimeconfig.json (docs/operations.md, "Garbage
/// collector"): read from the file the build wrote, which is what `dotnet Catalog.WebApi.dll` starts with.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void WebApiRuntimeConfig_RunsServerGcWithoutDatas()
    {
        var properties = ConfigProperties();

        // ADR-117: DATAS would keep the API's RSS at 1m under 300 MB, but costs the fast reads 4-20 % side by side.
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(0, properties.GetProperty("System.GC.DynamicAdaptationMode").GetInt32());
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
