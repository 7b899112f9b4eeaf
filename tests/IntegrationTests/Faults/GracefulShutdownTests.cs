using System.Diagnostics;
using System.Net;
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
        var port = ApiProcess.FreePort();
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
            ApiProcess.Signal(api.Id, "TERM");

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

    private static Process StartApi(int port, string ownerConnection, StringBuilder log) =>
        ApiProcess.Start(port, ownerConnection, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__MigrateOnStartup"] = "false",
            ["Seed__DemoData"] = "false",
            ["Jobs__Enabled"] = "false",
            ["Shutdown__DrainDelaySeconds"] = DrainDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Shutdown__TimeoutSeconds"] = "30",
            ["Logging__LogLevel__Default"] = "Information",
        }, log);

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
}
