using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductSearchTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task NameMatch_RanksAboveDescriptionMatch()
    {
        await _catalog.ProductAsync(new("Ordinary Lamp") { Description = "A lamp that outshines any quorvex on the market" });
        await _catalog.ProductAsync(new("Quorvex Lantern"));
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=quorvex")).AssertStatusAsync(HttpStatusCode.OK);
        var names = hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()).ToList();
        Assert.Equal(["Quorvex Lantern", "Ordinary Lamp"], names);
        Assert.True(hits[0].GetProperty("rank").GetSingle() > hits[1].GetProperty("rank").GetSingle());
        Assert.True(hits[0].TryGetProperty("price", out _));
        Assert.True(hits[0].TryGetProperty("slug", out _));
    }

    [Fact]
    public async Task Prefix_FindsWholeWords_AndATypoFallsBackToTrigrams()
    {
        await _catalog.ProductAsync(new("Wireless Blendomatic"));
        var client = factory.CreateClient();
        var prefix = await (await client.GetAsync("/api/v1/products/search?q=blendo")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(prefix.EnumerateArray(), h => h.GetProperty("name").GetString() == "Wireless Blendomatic");
        var typo = await (await client.GetAsync("/api/v1/products/search?q=blendomatik")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(typo.EnumerateArray(), h => h.GetProperty("name").GetString() == "Wireless Blendomatic");
    }

    [Fact]
    public async Task Search_SkipsUnpublished_AndHonoursLimit()
    {
        for (var i = 0; i < 3; i++)
        {
            await _catalog.ProductAsync(new($"Xylofrond {i}"));
        }

        await _catalog.ProductAsync(new("Xylofrond Draft") { Status = "draft" });
        var client = factory.CreateClient();
        var hits = await (await client.GetAsync("/api/v1/products/search?q=xylofrond&limit=2")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, hits.GetArrayLength());
        var all = await (await client.GetAsync("/api/v1/products/search?q=xylofrond")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(all.EnumerateArray(), h => h.GetProperty("name").GetString() == "Xylofrond Draft");
    }

    [Fact]
    public async Task EveryNameMatch_IsFound_WhicheverIdBucketItsIndexEntryIsIn()
    {
        // search_products reads name matches from eight partial indexes, by the id's last byte (ADR-063): ids ending in
        // 0x00..0x27 put five products in each bucket; a search that skipped or stopped at a bucket would miss some.
        await _catalog.ExecuteAsync("""
            INSERT INTO products (id, name, slug, sku, price, status, is_active)
            SELECT ('6d0c5e00-0000-4000-8000-0000000000' || lpad(to_hex(g), 2, '0'))::uuid, 'Vellumgrit ' || g,
                   'vellumgrit-' || g, 'VLG-' || g, 5, 'published', true
              FROM generate_series(0, 39) g
            """);
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=vellumgrit&limit=100")).AssertStatusAsync(HttpStatusCode.OK);
        var names = hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Vellumgrit {i}").Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task EveryDescriptionMatch_IsFound_WhicheverIdBucketItsIndexEntryIsIn()
    {
        // The description pass reads idx_products_search_b0..7 (ADR-065): five products in each of the eight buckets.
        await _catalog.ExecuteAsync("""
            INSERT INTO products (id, name, slug, sku, description, price, status, is_active)
            SELECT ('6d0c5e01-0000-4000-8000-0000000000' || lpad(to_hex(g), 2, '0'))::uuid, 'Plain Gizmo ' || g,
                   'plain-gizmo-' || g, 'PGZ-' || g, 'Built around a quillobrant core.', 5, 'published', true
              FROM generate_series(0, 39) g
            """);
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=quillobrant&limit=100")).AssertStatusAsync(HttpStatusCode.OK);
        var names = hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Plain Gizmo {i}").Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task ATypo_FindsSimilarNames_InEveryIdBucket()
    {
        // The trigram fallback reads idx_products_name_trgm_b0..7 (ADR-065).
        await _catalog.ExecuteAsync("""
            INSERT INTO products (id, name, slug, sku, price, status, is_active)
            SELECT ('6d0c5e02-0000-4000-8000-0000000000' || lpad(to_hex(g), 2, '0'))::uuid, 'Marvendox ' || g,
                   'marvendox-' || g, 'MVX-' || g, 5, 'published', true
              FROM generate_series(0, 39) g
            """);
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=marvendix&limit=100")).AssertStatusAsync(HttpStatusCode.OK);
        var names = hits.EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Marvendox {i}").Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task AWholeWord_IsACandidate_AndOutranksTheLongerWordsItBegins_HoweverManyThereAre()
    {
        // 400 names with a longer word that "brontak" only begins, 50 in each of buckets 0..7, and the one name with the
        // whole word in bucket 7: a pass that took its 300 candidates from the prefix matches, bucket by bucket, would
        // stop before bucket 7. The exact words are a pass of their own, read first (ADR-065).
        await _catalog.ExecuteAsync("""
            INSERT INTO products (id, name, slug, sku, price, status, is_active)
            SELECT ('6d0c5e03-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'Brontakle ' || g,
                   'brontakle-' || g, 'BRK-' || g, 5, 'published', true
              FROM generate_series(0, 399) g;
            INSERT INTO products (id, name, slug, sku, price, status, is_active)
            VALUES ('6d0c5e03-0000-4000-8000-00000000ff07', 'Brontak Original', 'brontak-original', 'BRK-ORIGINAL', 5, 'published', true);
            """);
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=brontak&limit=5")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(5, hits.GetArrayLength());
        Assert.Equal("Brontak Original", hits[0].GetProperty("name").GetString());
        Assert.True(hits[0].GetProperty("rank").GetSingle() > hits[1].GetProperty("rank").GetSingle());
    }

    [Fact]
    public async Task NameMatch_StillRanksFirst_WhenMoreTextMatchesThanTheCandidateBound()
    {
        // 1,200 description-only matches (more than the 300 candidates search_products ranks), inserted before the
        // one name match, so a bound taken in storage order alone would have cut the name match off.
        await _catalog.ExecuteAsync("""
            INSERT INTO products (name, slug, sku, description, price, status, is_active)
            SELECT 'Plain Item ' || g, 'zarnokette-filler-' || g, 'ZRK-' || g, 'Goes well with a zarnokette on the side.', 5, 'published', true
              FROM generate_series(1, 1200) g
            """);
        await _catalog.ProductAsync(new("Zarnokette Prime"));
        var hits = await (await factory.CreateClient().GetAsync("/api/v1/products/search?q=zarnokette&limit=5")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(5, hits.GetArrayLength());
        Assert.Equal("Zarnokette Prime", hits[0].GetProperty("name").GetString());
        Assert.True(hits[0].GetProperty("rank").GetSingle() > hits[1].GetProperty("rank").GetSingle());
    }

    [Fact]
    public async Task MultiWordQuery_MatchesEarlierWordsExactly_AndTheLastWordAsAPrefix()
    {
        await _catalog.ProductAsync(new("Vorquelle Gadget Deluxe"));
        var client = factory.CreateClient();
        var typing = await (await client.GetAsync("/api/v1/products/search?q=vorquelle%20gadg")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Contains(typing.EnumerateArray(), h => h.GetProperty("name").GetString() == "Vorquelle Gadget Deluxe");
        // The list's q filter has the same rules and no trigram fallback: a prefix in an earlier word no longer matches.
        Assert.Equal(["Vorquelle Gadget Deluxe"], await client.NamesAsync("/api/v1/products?q=vorquelle%20gadg"));
        Assert.Equal(["Vorquelle Gadget Deluxe"], await client.NamesAsync("/api/v1/products?q=gadget%20vorq&sort=relevance"));
        Assert.Empty(await client.NamesAsync("/api/v1/products?q=vorq%20gadget"));
    }

    [Theory]
    [InlineData("limit=101&q=x", "limit")]
    [InlineData("q=", "q")]
    public async Task InvalidSearch_Is400(string query, string field)
    {
        var problem = await (await factory.CreateClient().GetAsync("/api/v1/products/search?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ATypo_IsMatchedAgainstTheCatalogueWords_WhichFollowTheNamesWritten()
    {
        // The typo fallback compares each word with search_words (each name word once, ADR-125), not with every name:
        // a word a name starts to use is there after the write, and a word like none of them finds nothing.
        var stem = "zorb" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'q').Replace('1', 'w');
        await _catalog.ProductAsync(new($"{stem}latt Lamp"));
        await _catalog.ProductAsync(new($"Desk {stem}latt"));
        var client = factory.CreateClient();

        var typo = await (await client.GetAsync($"/api/v1/products/search?q={stem}lutt")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(new[] { $"Desk {stem}latt", $"{stem}latt Lamp" }, typo.EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order(StringComparer.Ordinal));

        // Two words, one misspelt and one like no word of the catalogue: the misspelt one still finds its names.
        var mixed = await (await client.GetAsync($"/api/v1/products/search?q={stem}lutt%20xqxqxqxq")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, mixed.GetArrayLength());

        var nothing = await (await client.GetAsync("/api/v1/products/search?q=xqxqxqxqjj")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, nothing.GetArrayLength());
    }

    [Fact]
    public async Task TheTypoFallback_LooksUpTheFirstFourWordsOfThreeLettersOrMore_AndNoMore()
    {
        // A lookup costs ~5 ms at 1M products and a 200-character query has up to 100 words (ADR-125): words shorter
        // than three letters and words after the first four distinct ones are not looked up.
        var stem = "vorb" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'q').Replace('1', 'w');
        await _catalog.ProductAsync(new($"{stem}latt Lamp"));
        var client = factory.CreateClient();

        // Fourth distinct long word (the short ones and the repeat do not count): looked up, found.
        var fourth = await (await client.GetAsync($"/api/v1/products/search?q=xq%20xqxqxqxq%20yq%20xqxqxqxq%20yqyqyqyq%20zqzqzqzq%20{stem}lutt")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal([$"{stem}latt Lamp"], fourth.EnumerateArray().Select(h => h.GetProperty("name").GetString()));

        // Fifth: not looked up.
        var fifth = await (await client.GetAsync($"/api/v1/products/search?q=xqxqxqxq%20yqyqyqyq%20zqzqzqzq%20wqwqwqwq%20{stem}lutt")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, fifth.GetArrayLength());
    }
}
