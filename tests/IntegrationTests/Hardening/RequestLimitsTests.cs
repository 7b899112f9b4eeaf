using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>Body, JSON depth and header limits answer 4xx problems, never 500, and write nothing (ADR-071).</summary>
public sealed class RequestLimitsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const int JsonLimit = 256 * 1024;

    [Fact]
    public async Task JsonBody_OverTheLimit_Is413Problem_AndWritesNothing()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var before = await CountBrandsAsync();

        var response = await client.PostAsync("/api/v1/brands", Json(BrandWithDescription(JsonLimit + 1024)));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountBrandsAsync());
    }

    [Fact]
    public async Task ChunkedJsonBody_OverTheLimit_Is413Problem()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(BrandWithDescription(JsonLimit + 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/brands") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task JsonBody_UnderTheLimit_IsNotRefusedForItsSize()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostAsync("/api/v1/brands", Json(BrandWithDescription(JsonLimit - 4096)));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    [Fact]
    public async Task ImportPath_AcceptsBodiesLargerThanJson_UpToItsOwnLimit()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        // A megabyte of rows (each a line the reader reports as unreadable): over the JSON limit, under the import's.
        var oneMegabyte = string.Concat(Enumerable.Repeat(new string('x', 1023) + "\n", 1024));
        var accepted = await client.PostAsync("/api/v1/products/import", new StringContent(oneMegabyte, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(1024, (await accepted.AssertStatusAsync(HttpStatusCode.OK)).GetProperty("failed").GetInt32());

        // The import action declares its own limit ([RequestSizeLimit]), which wins over the path default.
        var tooLarge = new ByteArrayContent(new byte[(int)Catalog.WebApi.Controllers.ManageProductsController.ImportMaxBytes + 1]);
        tooLarge.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var refused = await client.PostAsync("/api/v1/products/import", tooLarge);
        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ThousandDeepJson_Is400Problem_Not500()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var deep = "{\"name\":\"Deep\",\"metadata\":" + new string('[', 1000) + new string(']', 1000) + "}";
        var response = await client.PostAsync("/api/v1/brands", Json(deep));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);

        var deepObjects = "{\"name\":\"Deep\",\"metadata\":" + string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1001);
        await (await client.PostAsync("/api/v1/brands", Json(deepObjects))).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OverKestrel_HugeHeaders_Are431_AndHugeStreamedBodies_Are413()
    {
        await using var kestrel = new CatalogApiFactory();
        await kestrel.InitializeAsync();
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        var client = kestrel.CreateClient();

        using var bigHeader = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        bigHeader.Headers.Add("X-Padding", new string('a', 40 * 1024));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(bigHeader)).StatusCode);

        using var manyHeaders = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        for (var i = 0; i < 80; i++)
        {
            manyHeaders.Headers.Add($"X-H{i}", "1");
        }

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await client.SendAsync(manyHeaders)).StatusCode);

        var user = await kestrel.CreateUserAsync(roles: "admin");
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(BrandWithDescription(JsonLimit + 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/brands") { Content = content };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await kestrel.IssueTokenAsync(user));
        await (await client.SendAsync(chunked)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static string BrandWithDescription(int totalBytes) =>
        "{\"name\":\"Big\",\"description\":\"" + new string('d', Math.Max(0, totalBytes - 40)) + "\"}";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<long> CountBrandsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM brands", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
