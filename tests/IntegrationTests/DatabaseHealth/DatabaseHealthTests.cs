using System.Net;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.DatabaseHealth;

/// <summary>GET /api/v1/admin/database (database:read) from the v_db_health_* views, and readiness with its capacity details.</summary>
public sealed class DatabaseHealthTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task DatabaseHealth_ForAnAdmin_ListsTablesIndexesCacheConnectionsPartitionsAndReplication()
    {
        var (admin, _) = await factory.CreateClientAsAsync("admin");
        var health = await (await admin.GetAsync("/api/v1/admin/database")).AssertStatusAsync(HttpStatusCode.OK);

        var products = health.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "products");
        Assert.True(products.GetProperty("totalBytes").GetInt64() > 0);
        Assert.True(products.GetProperty("deadRows").GetInt64() >= 0);
        Assert.Equal(JsonValueKind.Null, products.GetProperty("lastVacuum").ValueKind);
        var indexes = health.GetProperty("indexes").EnumerateArray().ToList();
        Assert.Contains(indexes, i => i.GetProperty("index").GetString() == "idx_products_metadata" && i.GetProperty("table").GetString() == "products");
        // A primary key enforces a rule: never "never used", scanned or not.
        Assert.All(indexes.Where(i => i.GetProperty("index").GetString()!.StartsWith("pk_", StringComparison.Ordinal)), i => Assert.False(i.GetProperty("neverUsed").GetBoolean()));
        Assert.Contains(indexes, i => i.GetProperty("neverUsed").GetBoolean());
        var ratio = health.GetProperty("cache").GetProperty("hitRatio").GetDouble();
        Assert.InRange(ratio, 0, 1);
        Assert.Contains(health.GetProperty("connections").EnumerateArray(), c => c.GetProperty("state").GetString() == "idle" || c.GetProperty("state").GetString() == "active");
        var partitions = health.GetProperty("auditPartitions");
        Assert.True(partitions.GetProperty("partitions").GetInt32() >= 2);
        Assert.True(partitions.GetProperty("monthsAhead").GetInt32() >= 1);
        Assert.Matches(@"^\d{4}-\d{2}$", partitions.GetProperty("oldest").GetString());
        Assert.False(health.GetProperty("replication").GetProperty("readSideIsReplica").GetBoolean());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("replication").GetProperty("lagSeconds").ValueKind);
    }

    [Fact]
    public async Task DatabaseHealth_ShowsALongRunningStatement_ItsTextCutAt200Characters()
    {
        var marker = "health_probe_" + Guid.NewGuid().ToString("N");
        var sql = $"SELECT pg_sleep(60) /* {marker} {new string('x', 300)} */";
        await using var connection = new NpgsqlConnection(PostgresServer.AppConnectionString(factory.ConnectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        using var stop = new CancellationTokenSource();
        var running = command.ExecuteNonQueryAsync(stop.Token);
        try
        {
            var (admin, _) = await factory.CreateClientAsAsync("admin");
            JsonElement? found = null;
            for (var attempt = 0; attempt < 100 && found is null; attempt++)
            {
                var health = await (await admin.GetAsync("/api/v1/admin/database")).AssertStatusAsync(HttpStatusCode.OK);
                found = health.GetProperty("longestQueries").EnumerateArray().Cast<JsonElement?>()
                    .FirstOrDefault(q => q!.Value.GetProperty("query").GetString()!.Contains(marker, StringComparison.Ordinal));
            }

            Assert.NotNull(found);
            Assert.Equal(200, found.Value.GetProperty("query").GetString()!.Length);
            Assert.Equal("active", found.Value.GetProperty("state").GetString());
            Assert.True(found.Value.GetProperty("runningSeconds").GetDouble() >= 0);
        }
        finally
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => running);
        }
    }

    [Fact]
    public async Task DatabaseHealth_NeedsDatabaseRead()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/admin/database")).StatusCode);
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        await (await manager.GetAsync("/api/v1/admin/database")).AssertProblemAsync(HttpStatusCode.Forbidden);
        var key = await factory.CreateApiKeyClientAsync("database:read");
        await (await key.GetAsync("/api/v1/admin/database")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readiness_WhenCapacityIsFine_IsHealthy_WithThePoolsAndTheAuditRunwayInItsDetails()
    {
        var ready = await (await factory.CreateClient().GetAsync("/health/ready")).AssertStatusAsync(HttpStatusCode.OK);

        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        var capacity = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database-capacity");
        Assert.Equal("Healthy", capacity.GetProperty("status").GetString());
        Assert.True(capacity.GetProperty("data").GetProperty("pool.catalog-write.max").GetInt64() > 0);
        Assert.True(capacity.GetProperty("data").GetProperty("auditPartitions.monthsAhead").GetInt32() >= 1);
    }
}

/// <summary>Readiness degraded, not failed: a pool at 80 % of its limit, and no audit partition for next month.</summary>
public sealed class DegradedReadinessTests : IClassFixture<CatalogApiFactory>
{
    private readonly CatalogApiFactory _factory;

    // Pools are named after their application name; Npgsql's gauges are process-wide, so this host's write pool gets a
    // name no other host of the test run has.
    public DegradedReadinessTests(CatalogApiFactory factory) => _factory = factory
        .WithSetting("ConnectionStrings:Catalog", PostgresServer.AppConnectionString(factory.ConnectionString) + ";Application Name=readiness-test")
        .WithSetting("Database:MaxPoolSize", "5");

    [Fact]
    public async Task Readiness_WithAPoolNearItsLimitAndTheAuditPartitionsRunningOut_Is200Degraded_AndSaysWhy()
    {
        await _factory.ExecuteAsync("""
            DO $$
            DECLARE r record;
            BEGIN
                FOR r IN SELECT partition_name FROM v_db_health_audit_partitions WHERE month > date_trunc('month', now()) LOOP
                    EXECUTE format('ALTER TABLE audit_logs DETACH PARTITION %I', r.partition_name);
                    EXECUTE format('DROP TABLE %I', r.partition_name);
                END LOOP;
            END $$;
            """);
        var dataSource = (NpgsqlDataSource)_factory.Services.GetService(typeof(NpgsqlDataSource))!;
        var held = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                held.Add(await dataSource.OpenConnectionAsync());
            }

            var response = await _factory.CreateClient().GetAsync("/health/ready");
            var ready = await response.AssertStatusAsync(HttpStatusCode.OK);

            Assert.Equal("Degraded", ready.GetProperty("status").GetString());
            var capacity = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database-capacity");
            var description = capacity.GetProperty("description").GetString()!;
            Assert.True(description.Contains("connection pool readiness-test-write is near its limit", StringComparison.Ordinal), description);
            Assert.Contains("audit partitions run out", description, StringComparison.Ordinal);
            Assert.Equal(5, capacity.GetProperty("data").GetProperty("pool.readiness-test-write.max").GetInt64());
            Assert.Equal(0, capacity.GetProperty("data").GetProperty("auditPartitions.monthsAhead").GetInt32());
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
