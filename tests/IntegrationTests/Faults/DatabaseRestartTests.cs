using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Catalog.DevelopmentDatabase.LocalPostgres;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL is stopped and started again while writes are under way, on a throwaway cluster of this class's own
/// (the shared test cluster is never disturbed). Every acknowledged write survives exactly once, the outage answers
/// 503 problems, and the API serves again soon after the database is back, without being restarted itself.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Database = "catalog_restart";
    private const int Writers = 4;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "catalog-restart-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalPostgresCluster? _first;
    private LocalPostgresCluster? _second;
    private string _ownerConnection = string.Empty;

    public async Task InitializeAsync()
    {
        _first = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { DataDirectory = _folder, Persistent = false }, NullLogger.Instance);
        await _first.EnsureRoleAsync(PostgresServer.OwnerRole, PostgresServer.OwnerPassword, canLogin: true);
        await _first.EnsureRoleAsync(PostgresServer.AppRole, PostgresServer.AppPassword, canLogin: true);
        await _first.EnsureDatabaseAsync(Database, PostgresServer.OwnerRole);
        await using (var admin = new NpgsqlConnection(_first.SuperuserConnectionString()))
        {
            // The throwaway cluster skips durability for speed; this test is about durability.
            await admin.OpenAsync();
            await using var durable = new NpgsqlCommand("ALTER SYSTEM SET synchronous_commit = on; ", admin);
            await durable.ExecuteNonQueryAsync();
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", admin);
            await reload.ExecuteNonQueryAsync();
        }

        _ownerConnection = _first.ConnectionString(Database, PostgresServer.OwnerRole, PostgresServer.OwnerPassword);
        await PostgresServer.MigrateAsync(_ownerConnection);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }

        // Stopped already; disposing deletes the folder if the second instance did not.
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }
    }

    [Fact]
    public async Task Restart_UnderWrites_LosesNoAcknowledgedWrite_Answers503_AndRecoversWithoutAnApiRestart()
    {
        await using var factory = new CatalogApiFactory()
            .WithSetting("ConnectionStrings:Catalog", PostgresServer.AppConnectionString(_ownerConnection))
            .WithSetting("ConnectionStrings:CatalogOwner", _ownerConnection)
            .WithSetting("Database:PoolTimeoutSeconds", "2");
        var admin = await factory.CreateUserAsync(roles: "admin");
        var token = await factory.IssueTokenAsync(admin);

        var results = new ConcurrentQueue<WriteResult>();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var name = $"Restart {w}-{n}";
                var response = await client.PostJsonAsync("/api/v1/brands", new { name });
                var body = await response.Content.ReadAsStringAsync();
                results.Enqueue(new WriteResult(name, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, clock.Elapsed));
                if (!response.IsSuccessStatusCode)
                {
                    await Task.Delay(20);
                }
            }
        })).ToList();

        await WaitForAcknowledgedAsync(results, 20);
        var down = clock.Elapsed;
        await _first!.StopAsync();
        await WaitUntilAsync(() => results.Any(r => r.At > down && r.Status == 503), TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));

        _second = await LocalPostgresCluster.StartAsync(
            new LocalPostgresOptions { DataDirectory = _folder, Persistent = false, Port = _first.Port },
            NullLogger.Instance);
        var up = clock.Elapsed;
        await WaitUntilAsync(() => results.Any(r => r.At > up && r.Status == 201), TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(1));
        stop.Cancel();
        await Task.WhenAll(writers);

        var all = results.ToList();
        var acknowledged = all.Where(r => r.Status == 201).ToList();
        var failed = all.Where(r => r.Status != 201).ToList();
        var firstAfterUp = all.Where(r => r.At > up && r.Status == 201).Min(r => r.At);
        var recovery = firstAfterUp - up;
        output.WriteLine($"writes sent: {all.Count}, acknowledged (201): {acknowledged.Count}, refused during the outage: {failed.Count} "
            + $"({string.Join(", ", failed.GroupBy(r => r.Status).Select(g => $"{g.Key}: {g.Count()}"))}); "
            + $"outage {(up - down).TotalSeconds:0.0} s; first 201 {recovery.TotalMilliseconds:0} ms after the database accepted connections again");

        var rows = await RowsByNameAsync();
        var lost = acknowledged.Where(r => !rows.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        var duplicated = rows.Where(r => r.Value > 1).Select(r => r.Key).ToList();
        output.WriteLine($"acknowledged writes lost: {lost.Count}; duplicated: {duplicated.Count}; unacknowledged writes that committed anyway: {failed.Count(r => rows.ContainsKey(r.Name))}");

        Assert.Empty(lost);
        Assert.Empty(duplicated);
        Assert.NotEmpty(failed);
        Assert.All(failed, r =>
        {
            Assert.True(r.Status == 503, $"{r.Name}: {r.Status} {r.Body}");
            Assert.Equal("application/problem+json", r.MediaType);
            Assert.DoesNotContain("Npgsql", r.Body, StringComparison.Ordinal);
        });
        Assert.True(recovery < TimeSpan.FromSeconds(5), $"the API took {recovery} to serve writes again");
    }

    private static async Task WaitForAcknowledgedAsync(ConcurrentQueue<WriteResult> results, int count) =>
        await WaitUntilAsync(() => results.Count(r => r.Status == 201) >= count, TimeSpan.FromSeconds(30));

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < timeout, $"condition not met within {timeout}");
            await Task.Delay(25);
        }
    }

    private async Task<Dictionary<string, long>> RowsByNameAsync()
    {
        // Not pooled: the pool's connections from before the restart are gone.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_ownerConnection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name, count(*) FROM brands WHERE name LIKE 'Restart %' GROUP BY name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetInt64(1);
        }

        return rows;
    }

    private sealed record WriteResult(string Name, int Status, string? MediaType, string Body, TimeSpan At);
}
