using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Faults;

/// <summary>
/// The real API process gets SIGTERM while requests are in flight: readiness turns 503 first, the server keeps
/// serving through the drain delay, in-flight requests complete after it stopped accepting, and the process exits 0.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int InFlight = 5;
    private const int DrainDelaySeconds = 2;

    [Fact]
    public async Task Sigterm_UnderLoad_TurnsReadiness503First_FinishesInFlightRequests_AndExitsCleanly()
    {
        var server = await PostgresServer.InstanceAsync();
        var ownerConnection = await server.CreateDatabaseAsync();
        var port = FreePort();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var log = new StringBuilder();
        using var api = StartApi(port, ownerConnection, log);
        try
        {
            await WaitUntilAsync(async () => await StatusAsync(client, "/health/ready") == 200, TimeSpan.FromSeconds(60), "the API did not become ready");

            // In-flight work: reads that wait for a lock this test holds.
            await using var locker = new NpgsqlConnection(ownerConnection);
            await locker.OpenAsync();
            var transaction = await locker.BeginTransactionAsync();
            await using (var lockCommand = new NpgsqlCommand("LOCK TABLE brands IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync();
            }

            var requests = Enumerable.Range(0, InFlight).Select(i => client.GetAsync($"/api/v1/brands/in-flight-{i}")).ToList();
            var monitor = server.SuperuserConnectionString(new NpgsqlConnectionStringBuilder(ownerConnection).Database!);
            await WaitUntilAsync(async () => await WaitingOnLockAsync(monitor) >= InFlight, TimeSpan.FromSeconds(20), "requests did not reach the database");

            var clock = Stopwatch.StartNew();
            Signal(api.Id, "TERM");

            await WaitUntilAsync(async () => await StatusAsync(client, "/health/ready") == 503, TimeSpan.FromSeconds(DrainDelaySeconds), "readiness did not turn 503 during the drain delay");
            var readinessDown = clock.Elapsed;
            await WaitUntilAsync(async () => await StatusAsync(client, "/health/live") == -1, TimeSpan.FromSeconds(15), "the server kept accepting connections");
            var refusing = clock.Elapsed;
            Assert.False(requests.Any(r => r.IsCompleted), "an in-flight request ended before its lock was released");

            await transaction.RollbackAsync();
            var responses = await Task.WhenAll(requests);
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
            Assert.True(api.WaitForExit(TimeSpan.FromSeconds(20)), "the API did not exit");
            output.WriteLine($"readiness 503 after {readinessDown.TotalMilliseconds:0} ms; new connections refused after {refusing.TotalMilliseconds:0} ms; "
                + $"{responses.Length} in-flight requests completed; exit code {api.ExitCode} after {clock.ElapsedMilliseconds} ms");
            Assert.Equal(0, api.ExitCode);
            Assert.True(readinessDown < refusing);
            Assert.DoesNotContain("Unhandled exception", log.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!api.HasExited)
            {
                api.Kill(entireProcessTree: true);
            }

            output.WriteLine(log.ToString());
        }
    }

    private static Process StartApi(int port, string ownerConnection, StringBuilder log)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Catalog.WebApi.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["ConnectionStrings__Catalog"] = PostgresServer.AppConnectionString(ownerConnection);
        environment["ConnectionStrings__CatalogOwner"] = ownerConnection;
        environment["Jwt__SigningKey"] = CatalogApiFactory.SigningKey;
        environment["Database__MigrateOnStartup"] = "false";
        environment["Seed__DemoData"] = "false";
        environment["Jobs__Enabled"] = "false";
        environment["Shutdown__DrainDelaySeconds"] = DrainDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["Shutdown__TimeoutSeconds"] = "30";
        environment["Logging__LogLevel__Default"] = "Information";

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The status code, or -1 when the connection is refused.</summary>
    private static async Task<int> StatusAsync(HttpClient client, string path)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var response = await client.GetAsync(path, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return -1;
        }
        catch (TaskCanceledException)
        {
            return -2;
        }
    }

    /// <summary>Needs a superuser connection: other roles see no wait events of catalog_app's sessions.</summary>
    private static async Task<long> WaitingOnLockAsync(string superuserConnection)
    {
        await using var connection = new NpgsqlConnection(superuserConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'catalog_app' AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string message)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(stopwatch.Elapsed < timeout, $"{message} within {timeout}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
