using System.Diagnostics;
using System.Net;
using System.Text;
using Catalog.IntegrationTests.Faults;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Npgsql;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The development database (embedded PostgreSQL, demo catalog) is a tool, not production code (ADR-089): the service
/// started in Production never loads the Catalog.DevelopmentDatabase assembly, even with Seed:DemoData=true.
/// </summary>
/// <remarks>
/// This test process loads that assembly itself (the fixture's cluster), so the API runs as its own process, as it is
/// deployed (<c>dotnet Catalog.WebApi.dll</c>). A startup hook compiled here writes the names in
/// <see cref="AppDomain.GetAssemblies"/> when that process exits.
/// </remarks>
[Collection(FaultsCollection.Name)]
public sealed class DevelopmentDatabaseIsolationTests(ITestOutputHelper output)
{
    private const string AssembliesFileVariable = "CATALOG_TEST_LOADED_ASSEMBLIES_FILE";

    private const string StartupHookSource = """
        using System;
        using System.IO;
        using System.Linq;

        public static class StartupHook
        {
            public static void Initialize()
            {
                var path = Environment.GetEnvironmentVariable("CATALOG_TEST_LOADED_ASSEMBLIES_FILE")!;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? string.Empty));
            }
        }
        """;

    [Fact]
    public async Task ServiceInProduction_ServesRequests_WithoutLoadingTheDevelopmentDatabaseAssembly()
    {
        var server = await PostgresServer.InstanceAsync();
        var ownerConnection = await server.CreateDatabaseAsync();
        var folder = Directory.CreateTempSubdirectory("catalog-isolation-").FullName;
        var log = new StringBuilder();
        try
        {
            var assembliesFile = Path.Combine(folder, "assemblies.txt");
            var port = ApiProcess.FreePort();
            using var api = StartApi(port, ownerConnection, CompileStartupHook(folder), assembliesFile, log);
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilReadyAsync(client, api);

            using var products = await client.GetAsync("/api/v1/products");
            Assert.Equal(HttpStatusCode.OK, products.StatusCode);

            ApiProcess.Signal(api.Id, "TERM");

            Assert.True(api.WaitForExit(TimeSpan.FromSeconds(60)), "the API did not exit");
            var loaded = await File.ReadAllLinesAsync(assembliesFile);
            output.WriteLine($"{loaded.Length} assemblies loaded: {string.Join(", ", loaded.Order(StringComparer.Ordinal))}");
            Assert.Contains("Catalog.WebApi", loaded);
            Assert.Contains("Catalog.Infrastructure", loaded);
            Assert.DoesNotContain("Catalog.DevelopmentDatabase", loaded);
            Assert.DoesNotContain("Bogus", loaded);
            Assert.DoesNotContain("CliWrap", loaded);
            Assert.Equal(0L, await CountProductsAsync(ownerConnection));
        }
        finally
        {
            output.WriteLine(log.ToString());
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A startup hook assembly (a public <c>StartupHook</c> class without namespace) that references only the base library.</summary>
    private static string CompileStartupHook(string folder)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) == "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Catalog.LoadedAssembliesHook",
            [CSharpSyntaxTree.ParseText(StartupHookSource)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(folder, "Catalog.LoadedAssembliesHook.dll");
        var emitted = compilation.Emit(path);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        return path;
    }

    private static Process StartApi(int port, string ownerConnection, string startupHook, string assembliesFile, StringBuilder log) =>
        ApiProcess.Start(port, ownerConnection, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_STARTUP_HOOKS"] = startupHook,
            [AssembliesFileVariable] = assembliesFile,
            ["Jobs__Enabled"] = "false",
            // Asked for, and ignored outside Development: seeding lives in the development assembly.
            ["Seed__DemoData"] = "true",
            ["Shutdown__DrainDelaySeconds"] = "0",
        }, log);

    private static async Task WaitUntilReadyAsync(HttpClient client, Process api)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(api.HasExited, "the API exited before it was ready");
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(90), "the API did not become ready within 90 s");
            await Task.Delay(100);
        }
    }

    private static async Task<long> CountProductsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM products", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
