using System.Net;
using System.Text;
using Catalog.IntegrationTests.Infrastructure;
using Dapper;
using Npgsql;

namespace Catalog.IntegrationTests.Products;

/// <summary>
/// The name passes of search_products read <c>search_name_words</c> (ADR-111), a copy of every live product's name
/// words kept by triggers. After each kind of write (over HTTP, by import, in plain SQL), a search must return what the
/// full-text rule returns over the storefront with no candidate bound — every product whose text matches, ranked by
/// the same sum of ts_rank, ties by id — in the same order.
/// </summary>
public sealed class SearchNameWordsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    // The search contract without the 300-candidate bound: every storefront product whose text matches the query
    // (exact words, the last one a prefix), ranked as search_products ranks.
    private const string Reference = """
        SELECT p.id
          FROM v_storefront_products p
         WHERE p.search_vector @@ catalog_search_tsquery(@q)
         ORDER BY ts_rank(p.search_vector, catalog_search_tsquery(@q)) + ts_rank(p.search_vector, plainto_tsquery('english', @q)) DESC, p.id
         LIMIT 100
        """;

    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Search_AfterEachKindOfWrite_ReturnsWhatTheFullTextRuleReturns_InTheSameOrder()
    {
        // Made-up words this test alone uses: two that share a stem prefix, so a prefix query reads both ranges.
        var stem = "zq" + RandomLetters(6) + "z";
        string first = stem + "on", second = stem + "ax";
        var brand = await _catalog.BrandAsync();
        var doomedBrand = await _catalog.BrandAsync();
        var category = await _catalog.CategoryAsync();
        var doomedCategory = await _catalog.CategoryAsync();
        TestProduct Product(string name) => new(name) { BrandId = brand, CategoryId = category, Sku = TestCatalog.Unique("SNW") };
        var lamp = await _catalog.ProductAsync(Product($"{first} Lamp"));
        var chair = await _catalog.ProductAsync(Product($"{second} Chair"));
        var combo = await _catalog.ProductAsync(Product($"{first} {second} Combo"));          // both words: twice in a prefix range
        await _catalog.ProductAsync(Product($"{second} {first} Pair"));                              // stays: every query matches
        var plain = await _catalog.ProductAsync(Product("Plain Stool") with { Description = $"Goes with any {first}." });
        var renamed = await _catalog.ProductAsync(Product("Plain Table"));
        var draft = await _catalog.ProductAsync(Product($"{first} Draft") with { Status = "draft" });
        var branded = await _catalog.ProductAsync(Product($"{second} Branded") with { BrandId = doomedBrand });
        var filed = await _catalog.ProductAsync(Product($"{first} Filed") with { CategoryId = doomedCategory });
        var imported = await _catalog.ProductAsync(Product($"{second} Imported"));
        var gone = await _catalog.ProductAsync(Product($"{first} Gone"));

        var (admin, _) = await factory.CreateClientAsAsync("admin");
        // A credentialed reader: never served from the output cache, so every search is read from the database.
        var (reader, _) = await factory.CreateClientAsAsync("user");
        string[] queries = [first, second, stem, $"{first} {second[..^1]}", $"{second} {first}"];
        async Task AssertSearchesAsync(string step)
        {
            await using var connection = new NpgsqlConnection(factory.ConnectionString);
            foreach (var q in queries)
            {
                var expected = (await connection.QueryAsync<Guid>(Reference, new { q })).Select(g => g.ToString()).ToList();
                var hits = await (await reader.GetAsync($"/api/v1/products/search?q={Uri.EscapeDataString(q)}&limit=100")).AssertStatusAsync(HttpStatusCode.OK);
                var actual = hits.EnumerateArray().Select(h => h.Id()).ToList();
                Assert.True(expected.Count > 0, $"after {step}: q={q} matches nothing; the search returned [{string.Join(", ", actual)}]");
                Assert.True(expected.SequenceEqual(actual), $"after {step}: q={q}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            }
        }

        async Task<string> ETagAsync(string url) => (await admin.GetAsync(url)).ETagOf();
        string Url(Guid id) => $"/api/v1/products/{id}";
        async Task PutAsync(Guid id, object body) =>
            await (await admin.SendAsync(HttpMethod.Put, Url(id), body, await ETagAsync(Url(id)))).AssertStatusAsync(HttpStatusCode.OK);

        await AssertSearchesAsync("the inserts");

        // Renames over HTTP: one product loses the word, another gains it (a PUT replaces every field).
        await PutAsync(lamp, new { name = "Plain Lamp", price = 10m, categoryId = category, brandId = brand });
        await PutAsync(renamed, new { name = $"{second} Table", price = 10m, categoryId = category, brandId = brand });
        await AssertSearchesAsync("two renames");

        // A description change: the word in a description only (the description passes).
        await PutAsync(lamp, new { name = "Plain Lamp", price = 10m, categoryId = category, brandId = brand, description = $"A lamp for a {second}." });
        await AssertSearchesAsync("a description change");

        // Soft delete, then restore.
        await (await admin.SendAsync(HttpMethod.Delete, Url(combo), ifMatch: await ETagAsync(Url(combo)))).AssertStatusAsync(HttpStatusCode.NoContent);
        await AssertSearchesAsync("a delete");
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(combo)}/restore")).AssertStatusAsync(HttpStatusCode.OK);
        await AssertSearchesAsync("a restore");

        // Unpublished, and published (the draft too).
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(chair)}/unpublish")).AssertStatusAsync(HttpStatusCode.OK);
        await (await admin.SendAsync(HttpMethod.Post, $"{Url(draft)}/publish")).AssertStatusAsync(HttpStatusCode.OK);
        await AssertSearchesAsync("unpublish and publish");

        // A brand archived over HTTP, a category deleted in plain SQL: their products leave the storefront.
        var brandUrl = $"/api/v1/brands/{doomedBrand}";
        await (await admin.SendAsync(HttpMethod.Post, $"{brandUrl}/archive", ifMatch: await ETagAsync(brandUrl))).AssertStatusAsync(HttpStatusCode.OK);
        await _catalog.ExecuteAsync("UPDATE categories SET deleted_at = now() WHERE id = @doomedCategory", new { doomedCategory });
        await AssertSearchesAsync("a brand archive and a category delete");

        // A rename by import (the row's SKU is the product's).
        var sku = await ScalarAsync<string>("SELECT sku FROM products WHERE id = @imported", new { imported });
        var line = $$"""{"name":"{{first}} Reimported","price":10,"sku":"{{sku}}","categoryId":"{{category}}","brandId":"{{brand}}"}""";
        var report = await (await admin.PostAsync("/api/v1/products/import", new StringContent(line, Encoding.UTF8, "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("updated").GetInt32());
        await AssertSearchesAsync("a rename by import");

        // Behind the API: a rename, a product inserted, one deleted for good.
        await _catalog.ExecuteAsync("UPDATE products SET name = @name WHERE id = @plain", new { name = $"{first} Stool", plain });
        await _catalog.ProductAsync(Product($"{second} {first} Late"));
        await _catalog.ExecuteAsync("DELETE FROM products WHERE id = @gone", new { gone });
        await AssertSearchesAsync("writes in plain SQL");

        // Not vacuous: the words' own searches list what is visible now, and nothing else.
        var names = (await (await reader.GetAsync($"/api/v1/products/search?q={stem}&limit=100")).AssertStatusAsync(HttpStatusCode.OK))
            .EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { $"{first} {second} Combo", $"{first} Draft", $"{first} Reimported", $"{first} Stool", $"{second} {first} Late", $"{second} {first} Pair", $"{second} Table", "Plain Lamp" }
            .Order(StringComparer.Ordinal), names);
        // A product deleted for good leaves no words behind; a hidden one keeps its words (the rule hides it, not the table).
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM search_name_words WHERE product_id = @gone", new { gone }));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM search_name_words WHERE product_id = @branded", new { branded }));
    }

    [Fact]
    public async Task AQueryOfCommonWordsOnly_ReadsTheNameBuckets_AndFindsOnlyProductsWithEveryWord()
    {
        // 5,000 names with both words and 300 with one: every word of "first second" has 5,000 products or more, so the
        // pass reads the eight name buckets (ADR-065) instead of a word's range (ADR-111).
        var stem = "zq" + RandomLetters(6) + "z";
        string first = stem + "on", second = stem + "ax";
        await _catalog.ExecuteAsync($"""
            INSERT INTO products (name, slug, sku, price, status, is_active)
            SELECT '{first} {second} ' || g, '{stem}-both-' || g, '{stem}-B' || g, 5, 'published', true FROM generate_series(1, 5000) g;
            INSERT INTO products (name, slug, sku, price, status, is_active)
            SELECT '{first} ' || g, '{stem}-one-' || g, '{stem}-O' || g, 5, 'published', true FROM generate_series(1, 300) g;
            """);
        var hits = await (await factory.CreateClient().GetAsync($"/api/v1/products/search?q={first}%20{second}&limit=100")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(100, hits.GetArrayLength());
        Assert.All(hits.EnumerateArray(), h => Assert.StartsWith($"{first} {second} ", h.GetProperty("name").GetString(), StringComparison.Ordinal));
    }

    private static string RandomLetters(int count) =>
        new(Guid.NewGuid().ToByteArray().Take(count).Select(b => (char)('a' + (b % 26))).ToArray());

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }
}
