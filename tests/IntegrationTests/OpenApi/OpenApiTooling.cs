using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace Catalog.IntegrationTests.OpenApi;

/// <summary>The served document on disk and the command-line tools that read it (Redocly CLI, Kiota), run from the repository.</summary>
public static class OpenApiTooling
{
    /// <summary>The repository root: the folder holding Catalog.sln above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Fetches <c>/openapi/v1.json</c> from the test host into a new temporary folder and returns the file's path.</summary>
    public static async Task<string> WriteServedDocumentAsync(HttpClient client)
    {
        var folder = Directory.CreateTempSubdirectory("catalog-openapi-").FullName;
        var path = Path.Combine(folder, "v1.json");
        await File.WriteAllTextAsync(path, await client.GetStringAsync("/openapi/v1.json"));
        return path;
    }

    /// <summary>Removes the temporary folder <see cref="WriteServedDocumentAsync"/> made (with whatever a tool wrote beside the document).</summary>
    public static void DeleteServedDocument(string documentPath) =>
        Directory.Delete(Path.GetDirectoryName(documentPath)!, recursive: true);

    /// <summary>Runs a tool to completion without throwing on its exit code; stdout and stderr come back together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        var output = new StringBuilder();
        var result = await Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(env => env
                .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
                .Set("DOTNET_NOLOGO", "1")
                .Set("KIOTA_OFFLINE_ENABLED", "true")
                .Set("REDOCLY_TELEMETRY", "off")
                .Set("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
                .Set("NO_COLOR", "1"))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(output))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        return (result.ExitCode, output.ToString());
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Catalog.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Catalog.sln above {AppContext.BaseDirectory}.");
    }
}
