using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.ProductsCommands;

public sealed class ProductImportTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static StringContent Body(string text, string mediaType) => new(text, Encoding.UTF8, mediaType);

    [Fact]
    public async Task Ndjson_MixedRows_CreatesAndUpdatesGoodRows_ReportsBadOnes_AndWritesNothingOfThem()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        await client.CreateProductAsync(new { name = "Existing", price = 5, sku = "IMP-EXIST" });
        var ndjson = string.Join('\n',
            """{"name":"Imported One","price":10,"sku":"IMP-1","tags":["a"]}""",
            """{"name":"Bad Price","price":-5,"sku":"IMP-BAD"}""",
            """{"name":"Existing renamed","price":6,"sku":"IMP-EXIST","stockQuantity":9}""",
            """not json""",
            """{"name":"No Sku","price":1}""",
            """{"name":"Dup","price":1,"sku":"IMP-1"}""",
            "");
        var response = await client.PostAsync("/api/v1/products/import", Body(ndjson, "application/x-ndjson"));
        var report = await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal(4, report.GetProperty("failed").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(new[] { 2, 4, 5, 6 }, errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.True(errors[0].GetProperty("errors").TryGetProperty("price", out _));
        Assert.True(errors[2].GetProperty("errors").TryGetProperty("sku", out _));

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku = 'IMP-BAD'"));
        Assert.Equal("Existing renamed", await ScalarAsync<string>("SELECT name FROM products WHERE sku = 'IMP-EXIST'"));
        Assert.Equal(9, await ScalarAsync<int>("SELECT stock_quantity FROM products WHERE sku = 'IMP-EXIST'"));
        Assert.Equal("imported-one", await ScalarAsync<string>("SELECT slug FROM products WHERE sku = 'IMP-1'"));
    }

    [Fact]
    public async Task Csv_QuotedFieldsListsAndBadRows()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var csv = """
            name,sku,price,compareAtPrice,tags,images,metadata,isFeatured
            "Chair, oak",CSV-1,49.90,59.90,wood|oak,https://img.example/1.png|https://img.example/2.png,"{""o"":1}",true
            Cheap,CSV-2,abc,,,,,
            Ratio,CSV-3,10,5,,,,
            Stool,CSV-4,15,,,,,false
            """;
        var report = await (await client.PostAsync("/api/v1/products/import", Body(csv, "text/csv"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("failed").GetInt32());
        var rows = report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()).ToArray();
        Assert.Equal(new[] { 2, 3 }, rows);
        Assert.Equal("Chair, oak", await ScalarAsync<string>("SELECT name FROM products WHERE sku = 'CSV-1'"));
        Assert.Equal(new[] { "wood", "oak" }, await ScalarAsync<string[]>("SELECT tags FROM products WHERE sku = 'CSV-1'"));
        Assert.Equal(2, await ScalarAsync<int>("SELECT jsonb_array_length(images) FROM products WHERE sku = 'CSV-1'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku IN ('CSV-2', 'CSV-3')"));
    }

    [Fact]
    public async Task WrongMediaType415_NoPermission403_EmptyFile400()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync("/api/v1/products/import", Body("{}", "application/xml"))).StatusCode);
        await (await client.PostAsync("/api/v1/products/import", Body("", "application/x-ndjson"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.PostAsync("/api/v1/products/import", Body("""{"name":"x","price":1,"sku":"x"}""", "application/x-ndjson"))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
