using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Npgsql;

namespace Catalog.IntegrationTests.Idempotency;

public sealed class IdempotencyTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Replay_ReturnsTheFirstStatusBodyAndHeaders_WithoutDoingTheWorkAgain()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var body = new { name = "Idem Lamp", price = 12.5m, sku = "IDEM-1" };
        var first = await client.SendAsync(HttpMethod.Post, "/api/v1/products", body, idempotencyKey: "key-1");
        var created = await first.AssertStatusAsync(HttpStatusCode.Created);
        var replay = await client.SendAsync(HttpMethod.Post, "/api/v1/products", body, idempotencyKey: "key-1");
        var replayed = await replay.AssertStatusAsync(HttpStatusCode.Created);

        Assert.Equal(created.Id(), replayed.Id());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.Equal("application/json", replay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM products WHERE sku = 'IDEM-1'"));
    }

    [Fact]
    public async Task SameKeyDifferentBody_Is422_AndOtherCallersHaveTheirOwnKeys()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        await (await client.SendAsync(HttpMethod.Post, "/api/v1/products", new { name = "Key Two", price = 1 }, idempotencyKey: "key-2")).AssertStatusAsync(HttpStatusCode.Created);
        await (await client.SendAsync(HttpMethod.Post, "/api/v1/products", new { name = "Key Two changed", price = 1 }, idempotencyKey: "key-2")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var (other, _) = await factory.CreateClientAsAsync("catalog_manager");
        var theirs = await (await other.SendAsync(HttpMethod.Post, "/api/v1/products", new { name = "Key Two changed", price = 1 }, idempotencyKey: "key-2")).AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("key-two-changed", theirs.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task DuplicateWhileTheFirstIsInFlight_Is409()
    {
        var (client, user) = await factory.CreateClientAsAsync("catalog_manager");
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO idempotency_records (caller, idempotency_key, request_method, request_path, request_hash) VALUES ($1, 'in-flight', 'POST', '/api/v1/products', 'x')",
                connection);
            insert.Parameters.AddWithValue("user:" + user.Id);
            await insert.ExecuteNonQueryAsync();
        }

        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/products", new { name = "Busy", price = 1 }, idempotencyKey: "in-flight");
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ParallelDuplicates_DoTheWorkOnce()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var body = new { name = "Parallel Idem", price = 3, sku = "IDEM-PAR" };
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.SendAsync(HttpMethod.Post, "/api/v1/products", body, idempotencyKey: "parallel")));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM products WHERE sku = 'IDEM-PAR'"));
    }

    [Fact]
    public async Task ClientErrorsAreStoredToo_AndAnonymousRequestsAreNeverStored()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var bad = new { name = "", price = -1 };
        await (await client.SendAsync(HttpMethod.Post, "/api/v1/products", bad, idempotencyKey: "bad-1")).AssertProblemAsync(HttpStatusCode.BadRequest);
        var replay = await client.SendAsync(HttpMethod.Post, "/api/v1/products", bad, idempotencyKey: "bad-1");
        await replay.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));

        var anonymous = factory.CreateClient();
        await (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/products", bad, idempotencyKey: "anon-1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // ADR-076: no replay store keyed by address; the second request runs as well (and is refused on its own).
        await (await anonymous.SendAsync(HttpMethod.Post, "/api/v1/products", new { name = "x", price = 1 }, idempotencyKey: "anon-1")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM idempotency_records WHERE idempotency_key = 'anon-1'"));
        await (await client.SendAsync(HttpMethod.Post, "/api/v1/products", bad, idempotencyKey: new string('k', 300))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
