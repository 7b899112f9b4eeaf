using System.Diagnostics;
using System.Net;
using Catalog.Infrastructure.Persistence;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Catalog.IntegrationTests.Faults;

/// <summary>A tiny pool (3 connections, 1 s wait) and a 2 s command timeout, so that faults show quickly.</summary>
public sealed class SmallPoolApiFactory : CatalogApiFactory
{
    public const int PoolSize = 3;
    public const int PoolTimeoutSeconds = 1;
    public const int CommandTimeoutSeconds = 2;

    public SmallPoolApiFactory()
    {
        WithSetting("Database:MaxPoolSize", PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("Database:PoolTimeoutSeconds", PoolTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("Database:CommandTimeoutSeconds", CommandTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Pool exhaustion answers 503 and a statement over the command timeout 504, both as problems and within the
/// configured waits; afterwards every connection is back in the pool (none leaked) and the API serves again.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class PoolAndTimeoutFaultTests(SmallPoolApiFactory factory, ITestOutputHelper output) : IClassFixture<SmallPoolApiFactory>
{
    [Fact]
    public async Task PoolExhausted_Answers503ProblemWithinThePoolTimeout_ThenRecovers_WithNoLeakedConnection()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var anonymous = factory.CreateClient();
        await (await admin.PostJsonAsync("/api/v1/brands", new { name = "Pool Brand" })).AssertStatusAsync(HttpStatusCode.Created);
        var baseline = await AppConnectionsAfterClearingPoolsAsync();

        var held = new List<NpgsqlConnection>();
        foreach (var dataSource in DataSources())
        {
            for (var i = 0; i < SmallPoolApiFactory.PoolSize; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }
        }

        try
        {
            var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            {
                var stopwatch = Stopwatch.StartNew();
                var response = i % 2 == 0
                    ? await anonymous.GetAsync("/api/v1/brands/pool-brand")
                    : await admin.PostJsonAsync("/api/v1/brands", new { name = $"Pool Write {i}" });
                return (Response: response, Elapsed: stopwatch.Elapsed);
            }));

            foreach (var (response, elapsed) in responses)
            {
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
                // Bounded by the pool timeout (plus scheduling slack on a busy machine), not by the command timeout.
                Assert.True(elapsed < TimeSpan.FromSeconds(SmallPoolApiFactory.PoolTimeoutSeconds + 4), $"took {elapsed}");
                output.WriteLine($"pool exhausted: {(int)response.StatusCode} after {elapsed.TotalMilliseconds:0} ms");
            }
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }

        await (await anonymous.GetAsync("/api/v1/brands/pool-brand")).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/v1/brands", new { name = "After The Pool" })).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM brands WHERE name LIKE 'Pool Write %'"));
        Assert.Equal(baseline, await AppConnectionsAfterClearingPoolsAsync());
    }

    [Fact]
    public async Task SlowStatement_Answers504ProblemAfterTheCommandTimeout_ThenRecovers_WithNoLeakedConnection()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var anonymous = factory.CreateClient();
        await (await admin.PostJsonAsync("/api/v1/brands", new { name = "Slow Brand" })).AssertStatusAsync(HttpStatusCode.Created);
        var baseline = await AppConnectionsAfterClearingPoolsAsync();

        // Hold a lock that every read and write of brands waits for.
        await using (var locker = new NpgsqlConnection(factory.ConnectionString))
        {
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockCommand = new NpgsqlCommand("LOCK TABLE brands IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync();
            }

            var stopwatch = Stopwatch.StartNew();
            var read = anonymous.GetAsync("/api/v1/brands/slow-brand");
            var write = admin.PostJsonAsync("/api/v1/brands", new { name = "Slow Write" });
            foreach (var response in await Task.WhenAll(read, write))
            {
                await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout);
            }

            output.WriteLine($"statement timeout: 504 after {stopwatch.ElapsedMilliseconds} ms (command timeout {SmallPoolApiFactory.CommandTimeoutSeconds} s)");
            Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(SmallPoolApiFactory.CommandTimeoutSeconds - 0.5));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(SmallPoolApiFactory.CommandTimeoutSeconds + 6), $"took {stopwatch.Elapsed}");
            await transaction.RollbackAsync();
        }

        await (await anonymous.GetAsync("/api/v1/brands/slow-brand")).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/v1/brands", new { name = "After The Lock" })).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM brands WHERE name = 'Slow Write'"));
        var server = await PostgresServer.InstanceAsync();
        var monitor = server.SuperuserConnectionString(new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database!);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", monitor));
        Assert.Equal(baseline, await AppConnectionsAfterClearingPoolsAsync());
    }

    private IEnumerable<NpgsqlDataSource> DataSources() =>
        [factory.Services.GetRequiredService<NpgsqlDataSource>(), factory.Services.GetRequiredService<ReadDataSource>().DataSource];

    /// <summary>
    /// Closes the pools' idle connections and counts the API's connections still open: a connection that was never
    /// returned to its pool (a leak) would still be counted.
    /// </summary>
    private async Task<long> AppConnectionsAfterClearingPoolsAsync()
    {
        foreach (var dataSource in DataSources())
        {
            dataSource.Clear();
        }

        const string Sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'catalog_app' AND pid <> pg_backend_pid()";
        var stopwatch = Stopwatch.StartNew();
        long count;
        while ((count = await CountAsync(Sql)) > 0 && stopwatch.Elapsed < TimeSpan.FromSeconds(3))
        {
            // Backends of closed connections leave pg_stat_activity a moment later.
            await Task.Delay(50);
        }

        return count;
    }

    private async Task<long> CountAsync(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>Fault tests load the machine on purpose: they run one at a time, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}
