using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.Products;

/// <summary>
/// The import reads its body as a stream with limits (issue 22): the abusive shapes of a 32 MiB file end at their first
/// offending row with a 400/413 problem naming it, and nothing of the file is written. Peak memory per shape is measured
/// outside the tests (bench/import-abuse.sh, docs/reliability.md).
/// </summary>
public sealed class ProductImportLimitsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const string Import = "/api/v1/products/import";

    private static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    private static byte[] Repeat(string text, int times) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(text, times)));

    private static string Row(string sku) => $$"""{"name":"Row {{sku}}","price":1,"sku":"{{sku}}"}""";

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/x-ndjson")]
    public async Task BlankLines_ThirtyMegabytes_Is400NoRows(string mediaType)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var response = await client.PostAsync(Import, Body(Repeat("\n", 32_000_000), mediaType));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no rows", problem.GetProperty("detail").GetString() + problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/x-ndjson")]
    public async Task OneEndlessLine_Is413AtItsRow_AndWritesNothingBeforeIt(string mediaType)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var head = mediaType == "text/csv" ? "name,price,sku\nEndless before,1,END-0\n" : Row("END-0") + "\n";
        var body = Encoding.UTF8.GetBytes(head).Concat(Repeat("x", 20_000_000)).ToArray();
        var problem = await (await client.PostAsync(Import, Body(body, mediaType))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Row 2 is longer than", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM products WHERE sku = 'END-0'"));
    }

    [Fact]
    public async Task MillionTinyFields_Is400AtTheirRow()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var body = Encoding.UTF8.GetBytes("name,price,sku\nFields ok,1,FLD-1\n").Concat(Repeat(",", 1_000_000)).ToArray();
        var problem = await (await client.PostAsync(Import, Body(body, "text/csv"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Row 2 has more than 64 fields", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM products WHERE sku = 'FLD-1'"));
    }

    [Fact]
    public async Task DeepNdjson_IsReportedPerRow_AndTheGoodRowsCommit()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var deep = "{\"name\":\"Deep\",\"price\":1,\"sku\":\"DEEP-1\",\"metadata\":" + new string('[', 60_000) + new string(']', 60_000) + "}";
        var body = Row("DEEP-OK") + "\n" + deep + "\n" + string.Concat(Enumerable.Repeat(new string('[', 100_000) + "\n", 3));
        var report = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(body), "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(new[] { 2, 3, 4, 5 }, report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("row").GetInt32()));
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM products WHERE sku = 'DEEP-1'"));
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("application/x-ndjson")]
    public async Task RowOverTheCap_Is413NamingIt_AndTheWholeFileRollsBack(string mediaType)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var prefix = mediaType == "text/csv" ? "CAPC" : "CAPN";
        // Five good rows, then rows without a price (cheap to refuse): the good ones are written before row 10,001 is read.
        var rows = Enumerable.Range(1, 10_001).Select(i => (Good: i <= 5, I: i)).Select(r => mediaType == "text/csv"
            ? $"Cap {r.I},{(r.Good ? "1" : string.Empty)},{prefix}-{r.I}"
            : r.Good ? Row($"{prefix}-{r.I}") : $$"""{"name":"Cap {{r.I}}","sku":"{{prefix}}-{{r.I}}"}""");
        var body = (mediaType == "text/csv" ? "name,price,sku\n" : string.Empty) + string.Join('\n', rows);
        var problem = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(body), mediaType))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("row 10001 is one too many", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync($"SELECT count(*) FROM products WHERE sku LIKE '{prefix}-%'"));
    }

    [Theory]
    [InlineData("text/csv", "name,price,sku\nGood,1,NUL-1\nBad\u0000,1,NUL-2\n")]
    [InlineData("application/x-ndjson", "{\"name\":\"Good\",\"price\":1,\"sku\":\"NUL-1\"}\n{\"name\":\"Bad\\u0000\",\"price\":1,\"sku\":\"NUL-2\"}\n")]
    [InlineData("application/x-ndjson", "{\"name\":\"Good\",\"price\":1,\"sku\":\"NUL-1\"}\n{\"name\":\"Bad\\ud800\",\"price\":1,\"sku\":\"NUL-2\"}\n")]
    public async Task UnstorableText_Is400AtItsRow_AndNothingIsWritten(string mediaType, string body)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var problem = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(body), mediaType))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Row 2 contains a NUL character", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM products WHERE sku LIKE 'NUL-%'"));
    }

    [Fact]
    public async Task RowsAcrossManyBatches_KeepFileWideRules()
    {
        // 1,200 rows: five batches of 250. A SKU repeated in a later batch is still "more than once in this file".
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var rows = Enumerable.Range(1, 1_200).Select(i => Row($"BAT-{i}")).Append(Row("BAT-7"));
        var report = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(string.Join('\n', rows)), "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1_200, report.GetProperty("created").GetInt32());
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(1_201, error.GetProperty("row").GetInt32());
        Assert.Equal(1_200L, await CountAsync("SELECT count(*) FROM products WHERE sku LIKE 'BAT-%'"));
    }

    [Theory]
    [InlineData("text/csv", "name,price,sku\nWith mark,1,BOM-C\n", "BOM-C")]
    [InlineData("application/x-ndjson", "{\"name\":\"With mark\",\"price\":1,\"sku\":\"BOM-N\"}\n", "BOM-N")]
    public async Task AByteOrderMark_IsNoPartOfTheFirstRow(string mediaType, string body, string sku)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(body)).ToArray();
        var report = await (await client.PostAsync(Import, Body(bytes, mediaType))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(1L, await CountAsync($"SELECT count(*) FROM products WHERE sku = '{sku}'"));
    }

    [Theory]
    [InlineData("{\"\"a\"\":\"\"\\ud800\"\"}")]
    [InlineData("{\"\"a\"\":\"\"\\u0000\"\"}")]
    public async Task CsvJsonCell_WithUnstorableEscapes_Is400AtItsRow_NotA500(string metadata)
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var csv = $"name,price,sku,metadata\nGood,1,CELL-1,\nBad,1,CELL-2,\"{metadata}\"\n";
        var problem = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(csv), "text/csv"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Row 2 contains a NUL character", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM products WHERE sku LIKE 'CELL-%'"));
    }

    [Fact]
    public async Task CsvBlankLinesBeforeTheHeader_AreSkipped_AndRowsCountFromTheHeader()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var csv = "\n\r\n\nname,price,sku\nLead ok,1,LEAD-1\n" + new string('x', 140_000) + "\n";
        var problem = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(csv), "text/csv"))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("Row 2 is longer than", problem.GetRawText(), StringComparison.Ordinal);

        var good = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes("\n\nname,price,sku\nLead ok,1,LEAD-2\n"), "text/csv"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, good.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task ARefusedValue_IsEchoedShort_SoTheReportStaysSmall()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var csv = "name,price,sku\nLong price," + new string('9', 3_300) + "x,ECHO-1\n";
        var report = await (await client.PostAsync(Import, Body(Encoding.UTF8.GetBytes(csv), "text/csv"))).AssertStatusAsync(HttpStatusCode.OK);
        var message = report.GetProperty("errors")[0].GetProperty("errors").GetProperty("price")[0].GetString()!;
        Assert.True(message.Length < 100, message);
    }

    [Fact]
    public async Task AnImportReportOverTheStoreCap_IsPassedThroughWithItsKey_AndNotStored_ASmallOneIsReplayed()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        // 5,000 rows refused for a 40-character price: a report of ~600 KB, over the 256 KB the store keeps.
        var rows = string.Concat(Enumerable.Range(1, 5_000).Select(i => $"Big report {i},{new string('x', 40)},BIGR-{i}\n"));
        using var big = new HttpRequestMessage(HttpMethod.Post, Import) { Content = Body(Encoding.UTF8.GetBytes("name,price,sku\n" + rows), "text/csv") };
        big.Headers.Add("Idempotency-Key", "import-big-report");
        var report = await (await client.SendAsync(big)).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(5_000, report.GetProperty("failed").GetInt32());
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM idempotency_records WHERE idempotency_key = 'import-big-report'"));

        async Task<HttpResponseMessage> SmallAsync()
        {
            using var small = new HttpRequestMessage(HttpMethod.Post, Import) { Content = Body(Encoding.UTF8.GetBytes("name,price,sku\nSmall,1,SMALL-1\n"), "text/csv") };
            small.Headers.Add("Idempotency-Key", "import-small-report");
            return await client.SendAsync(small);
        }

        await (await SmallAsync()).AssertStatusAsync(HttpStatusCode.OK);
        var replay = await SmallAsync();
        await replay.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
