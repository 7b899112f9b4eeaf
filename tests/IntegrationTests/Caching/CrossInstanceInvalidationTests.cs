using System.Diagnostics;
using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Catalog.IntegrationTests.Caching;

/// <summary>Two API instances on one database: a write on one evicts the other's cache through LISTEN/NOTIFY.</summary>
public sealed class CrossInstanceInvalidationTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>, IDisposable
{
    private const string ListenersSql = """
        SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'catalog-cache-listener' AND query LIKE 'LISTEN%'
        """;

    private readonly TestCatalog _catalog = new(factory);
    private readonly WebApplicationFactory<Program> _second = factory.WithWebHostBuilder(_ => { });

    [Fact]
    public async Task AWriteOnOneInstance_ShowsOnTheOtherWithinOneSecond()
    {
        var (writer, _) = await factory.CreateClientAsAsync("catalog_manager");
        var reader = _second.CreateClient();
        await WaitForListenersAsync(2);
        await AssertCachedOnReaderAsync(reader, "Cross A");

        await (await writer.PostJsonAsync("/api/v1/brands", new { name = "Cross Newcomer" })).AssertStatusAsync(HttpStatusCode.Created);
        await AssertShowsWithinAsync(reader, "Cross Newcomer", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task TheListenerReconnects_AfterItsConnectionIsKilled()
    {
        var (writer, _) = await factory.CreateClientAsAsync("catalog_manager");
        var reader = _second.CreateClient();
        await WaitForListenersAsync(2);
        await using (var connection = new NpgsqlConnection(await SuperuserConnectionAsync()))
        {
            await connection.ExecuteAsync("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND application_name = 'catalog-cache-listener'
                """);
        }

        await WaitForListenersAsync(2);
        await AssertCachedOnReaderAsync(reader, "Cross B");
        await (await writer.PostJsonAsync("/api/v1/brands", new { name = "Cross After Reconnect" })).AssertStatusAsync(HttpStatusCode.Created);
        await AssertShowsWithinAsync(reader, "Cross After Reconnect", TimeSpan.FromSeconds(1));
    }

    public void Dispose() => _second.Dispose();

    // The reader's list is cached: a silent SQL insert does not show until an announced change evicts it.
    private async Task AssertCachedOnReaderAsync(HttpClient reader, string silentName)
    {
        await CatalogCacheTests.BrandNamesAsync(reader);
        await _catalog.ExecuteAsync("INSERT INTO brands (name, slug) VALUES (@name, @slug)", new { name = silentName, slug = TestCatalog.Unique("silent") }, evict: false);
        Assert.DoesNotContain(silentName, await CatalogCacheTests.BrandNamesAsync(reader));
    }

    private static async Task AssertShowsWithinAsync(HttpClient reader, string name, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!(await CatalogCacheTests.BrandNamesAsync(reader)).Contains(name))
        {
            Assert.True(clock.Elapsed < within, $"'{name}' did not show on the other instance within {within.TotalSeconds} s");
            await Task.Delay(25);
        }
    }

    private async Task<string> SuperuserConnectionAsync() =>
        (await PostgresServer.InstanceAsync()).SuperuserConnectionString(new NpgsqlConnectionStringBuilder(factory.ConnectionString).Database!);

    private async Task WaitForListenersAsync(int count)
    {
        // The listeners run as catalog_app: only a superuser sees another role's query text in pg_stat_activity.
        await using var connection = new NpgsqlConnection(await SuperuserConnectionAsync());
        var clock = Stopwatch.StartNew();
        while (await connection.ExecuteScalarAsync<long>(ListenersSql) < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "the cache listeners did not start");
            await Task.Delay(50);
        }
    }
}
