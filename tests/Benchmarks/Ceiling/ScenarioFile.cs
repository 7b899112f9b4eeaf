using System.Text.Json;

namespace Catalog.Benchmarks.Ceiling;

/// <summary>bench/scenarios.json: one entry per scenario (the suite in bench/ reads the same file).</summary>
internal sealed record Scenario(string Name, string? Sql);

internal static class ScenarioFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Scenario> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("scenarios").EnumerateArray()
            .Select(e => e.Deserialize<Scenario>(Options)!)
            .ToArray();
    }
}
