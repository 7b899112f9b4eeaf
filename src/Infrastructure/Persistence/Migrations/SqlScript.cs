namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>Reads a migration's SQL, embedded from Persistence/Migrations/Sql.</summary>
internal static class SqlScript
{
    public static string Load(string fileName)
    {
        var assembly = typeof(SqlScript).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded SQL script '{fileName}' not found.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
