using System.Net;
using System.Text;
using System.Text.Json;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.Products;

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

    [Fact]
    public async Task Ndjson_TenThousandRows_CreatesThenUpdatesEveryGoodRow_WithDedupedSlugsAndOneAuditEntryEach()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        await client.CreateProductAsync(new { name = "Big Same", price = 1, sku = "BIG-PRE" });
        // Every 1000th row is invalid (negative price); rows 5000-5099 share one name, so their slugs are deduplicated
        // against each other and against the product created above.
        string Line(int i, decimal price) => JsonSerializer.Serialize(new
        {
            name = i is >= 5000 and < 5100 ? "Big Same" : $"Big {i}",
            price = i % 1000 == 999 ? -1 : price,
            sku = $"BIG-{i}",
            stockQuantity = i % 50,
            tags = new[] { "import", $"t{i % 10}" },
            metadata = new { row = i },
        });
        var file = string.Join('\n', Enumerable.Range(0, 10_000).Select(i => Line(i, 1 + (i % 100))));

        var first = await (await client.PostAsync("/api/v1/products/import", Body(file, "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(9_990, first.GetProperty("created").GetInt32());
        Assert.Equal(0, first.GetProperty("updated").GetInt32());
        Assert.Equal(10, first.GetProperty("failed").GetInt32());
        Assert.Equal(Enumerable.Range(1, 10).Select(k => k * 1000), first.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()));
        Assert.Equal(9_990L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku LIKE 'BIG-%' AND sku <> 'BIG-PRE'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku IN ('BIG-999', 'BIG-9999')"));
        Assert.Equal(101L, await ScalarAsync<long>("SELECT count(DISTINCT slug) FROM products WHERE name = 'Big Same'"));
        Assert.Equal("big-same-2", await ScalarAsync<string>("SELECT slug FROM products WHERE sku = 'BIG-5000'"));
        Assert.Equal(9_990L, await ScalarAsync<long>("""
            SELECT count(*) FROM audit_logs a JOIN products p ON p.id = a.resource_id
             WHERE a.action = 'product.created' AND a.metadata->>'source' = 'import' AND p.sku LIKE 'BIG-%'
            """));

        var again = string.Join('\n', Enumerable.Range(0, 10_000).Select(i => Line(i, 500 + (i % 100))));
        var second = await (await client.PostAsync("/api/v1/products/import", Body(again, "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(9_990, second.GetProperty("updated").GetInt32());
        Assert.Equal(10, second.GetProperty("failed").GetInt32());
        Assert.Equal(9_990L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku LIKE 'BIG-%' AND sku <> 'BIG-PRE' AND price >= 500"));
        Assert.Equal("big-same-2", await ScalarAsync<string>("SELECT slug FROM products WHERE sku = 'BIG-5000'"));
        Assert.Equal(9_990L, await ScalarAsync<long>("""
            SELECT count(*) FROM audit_logs a JOIN products p ON p.id = a.resource_id
             WHERE a.action = 'product.updated' AND a.metadata->>'source' = 'import' AND p.sku LIKE 'BIG-%'
               AND a.changes ? 'price'
            """));
    }

    [Fact]
    public async Task Csv_RowTheDatabaseRefuses_RedoesItsBatchRowByRow_AndReportsOnlyThatRow()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        // A check the validators do not know about, so the refusal only shows when the batch is written.
        await ExecuteAsync("ALTER TABLE products ADD CONSTRAINT ck_test_import_poison CHECK (name <> 'Poison row')");
        try
        {
            var csv = "name,sku,price,tags\n" + string.Join('\n', Enumerable.Range(0, 650).Select(i =>
                $"{(i == 600 ? "Poison row" : $"Refuse {i}")},REF-{i},{1 + i},a|b"));
            var report = await (await client.PostAsync("/api/v1/products/import", Body(csv, "text/csv"))).AssertStatusAsync(HttpStatusCode.OK);
            Assert.Equal(649, report.GetProperty("created").GetInt32());
            var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
            Assert.Equal(601, error.GetProperty("row").GetInt32());
            Assert.Equal(649L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku LIKE 'REF-%'"));
            Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku = 'REF-600'"));
            Assert.Equal(649L, await ScalarAsync<long>("""
                SELECT count(*) FROM audit_logs a JOIN products p ON p.id = a.resource_id
                 WHERE a.action = 'product.created' AND p.sku LIKE 'REF-%'
                """));
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE products DROP CONSTRAINT ck_test_import_poison");
        }
    }

    [Fact]
    public async Task Ndjson_RequestedSlugTakenOrRepeated_ReportsTheRow_AndGeneratedSlugsAvoidRequestedOnes()
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        await client.CreateProductAsync(new { name = "Slug Owner", slug = "slug-owner", price = 5, sku = "SLG-OWNER" });
        var ndjson = string.Join('\n',
            """{"name":"Wants taken","slug":"slug-owner","price":1,"sku":"SLG-1"}""",
            """{"name":"Slug Owner","price":1,"sku":"SLG-2"}""",
            """{"name":"First claim","slug":"claimed-here","price":1,"sku":"SLG-3"}""",
            """{"name":"Second claim","slug":"claimed-here","price":1,"sku":"SLG-4"}""",
            """{"name":"Claimed here","price":1,"sku":"SLG-5"}""",
            """{"name":"Owner keeps","slug":"slug-owner","price":7,"sku":"SLG-OWNER"}""");
        var report = await (await client.PostAsync("/api/v1/products/import", Body(ndjson, "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(3, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        Assert.Equal(new[] { 1, 4 }, report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()));
        Assert.Equal("slug-owner-2", await ScalarAsync<string>("SELECT slug FROM products WHERE sku = 'SLG-2'"));
        Assert.Equal("claimed-here", await ScalarAsync<string>("SELECT slug FROM products WHERE sku = 'SLG-3'"));
        Assert.Equal("claimed-here-2", await ScalarAsync<string>("SELECT slug FROM products WHERE sku = 'SLG-5'"));
        Assert.Equal("Owner keeps", await ScalarAsync<string>("SELECT name FROM products WHERE sku = 'SLG-OWNER'"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM products WHERE sku IN ('SLG-1', 'SLG-4')"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
