using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Dapper;
using Npgsql;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The products triggers that keep category_subtree_products and search_name_words fire once per statement, on its
/// transition tables, with generic plans (ADR-124): as row triggers, each row planned v_storefront_catalog afresh (~6 ms
/// a row at 1m), and a bulk insert into a young table scanned an index per row (5,300 rows: 21 s). Timing is the
/// benchmark's to show; these hold the shape in place and check that statements writing many rows at once keep both
/// tables exactly as their rebuild would write them.
/// </summary>
public sealed class StatementTriggerTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task ProductTriggersThatRunSql_FireOncePerStatement_WithGenericPlans()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var triggers = (await connection.QueryAsync<(string Trigger, bool PerRow, string[]? Config)>("""
            SELECT t.tgname, (t.tgtype & 1) = 1, p.proconfig
              FROM pg_trigger t
              JOIN pg_proc p ON p.oid = t.tgfoid
             WHERE t.tgrelid = 'products'::regclass
               AND NOT t.tgisinternal
               AND p.prosrc ~* '\m(perform|select|insert|update|delete)\M'  -- runs SQL
            """)).ToList();

        Assert.Equal(
            ["trg_products_category_subtree_delete", "trg_products_category_subtree_insert", "trg_products_category_subtree_update",
             "trg_products_search_name_words_delete", "trg_products_search_name_words_insert", "trg_products_search_name_words_update"],
            triggers.Select(t => t.Trigger).Order(StringComparer.Ordinal));
        Assert.All(triggers, t => Assert.False(t.PerRow, t.Trigger));
        Assert.All(triggers, t => Assert.Contains("plan_cache_mode=force_generic_plan", t.Config ?? []));
    }

    [Fact]
    public async Task StatementsWritingManyProducts_KeepTheCategoryRowsAndNameWords_AsTheirRebuildWrites()
    {
        var catalog = new TestCatalog(factory);
        var parent = await catalog.CategoryAsync();
        var child = await catalog.CategoryAsync(parentId: parent);
        var other = await catalog.CategoryAsync();
        var stem = TestCatalog.Unique("zqstmt").Replace("-", "", StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);

        // One statement inserts five products: live ones in a child category and none, a deleted one, a draft.
        var ids = (await connection.QueryAsync<Guid>($"""
            INSERT INTO products (name, slug, sku, price, status, is_active, category_id, deleted_at)
            SELECT '{stem} alpha ' || g, '{stem}-' || g, '{stem}-S' || g, g, CASE WHEN g = 5 THEN 'draft' ELSE 'published' END, true,
                   CASE WHEN g = 2 THEN NULL ELSE @child END, CASE WHEN g = 4 THEN now() END
              FROM generate_series(1, 5) g
            RETURNING id
            """, new { child })).ToArray();
        var inserted = await AssertKeptAsync(connection, ids, "after the insert");
        // Not vacuous: products 1 and 3 under parent and child (two rows each), words of the four live ones.
        Assert.Equal(4, inserted.Rows);
        Assert.True(inserted.Words >= 12, $"{inserted.Words} words");

        // One statement renames two, moves one to another category, reprices one and restores the deleted one.
        await connection.ExecuteAsync($"""
            UPDATE products
               SET name = CASE WHEN slug IN ('{stem}-1', '{stem}-2') THEN '{stem} beta renamed' ELSE name END,
                   category_id = CASE WHEN slug = '{stem}-3' THEN @other ELSE category_id END,
                   price = CASE WHEN slug = '{stem}-5' THEN 99 ELSE price END,
                   deleted_at = CASE WHEN slug = '{stem}-4' THEN NULL ELSE deleted_at END
             WHERE id = ANY (@ids)
            """, new { other, ids });
        var updated = await AssertKeptAsync(connection, ids, "after the update");
        Assert.Equal(5, updated.Rows); // 1 under parent and child, 3 under other, 4 restored under parent and child

        // One statement soft-deletes two, one hard-deletes two.
        await connection.ExecuteAsync("UPDATE products SET deleted_at = now() WHERE id = ANY (@some)", new { some = ids[..2] });
        await connection.ExecuteAsync("DELETE FROM products WHERE id = ANY (@some)", new { some = ids[2..4] });
        await AssertKeptAsync(connection, ids, "after the deletes");
    }

    private static async Task<(int Words, int Rows)> AssertKeptAsync(NpgsqlConnection connection, Guid[] ids, string when)
    {
        // What search_name_words_rebuild() and category_subtree_products_rebuild() write for these products.
        var words = await connection.QueryAsync<string>("""
            SELECT w.lexeme || ' ' || p.id FROM products p CROSS JOIN LATERAL unnest(to_tsvector('english'::regconfig, p.name)) AS w
             WHERE p.deleted_at IS NULL AND p.id = ANY (@ids) ORDER BY 1
            """, new { ids });
        var keptWords = await connection.QueryAsync<string>(
            "SELECT word || ' ' || product_id FROM search_name_words WHERE product_id = ANY (@ids) ORDER BY 1", new { ids });
        Assert.True(words.SequenceEqual(keptWords), $"search_name_words {when}: [{string.Join(", ", keptWords)}], rebuild: [{string.Join(", ", words)}]");

        var rows = await connection.QueryAsync<string>("""
            SELECT a.id || ' ' || v.id || ' ' || v.name || ' ' || v.price FROM v_storefront_catalog v
              JOIN categories c ON c.id = v.category_id CROSS JOIN LATERAL unnest(c.path) AS a(id)
             WHERE v.id = ANY (@ids) ORDER BY 1
            """, new { ids });
        var keptRows = await connection.QueryAsync<string>(
            "SELECT subtree_id || ' ' || product_id || ' ' || name || ' ' || price FROM category_subtree_products WHERE product_id = ANY (@ids) ORDER BY 1",
            new { ids });
        Assert.True(rows.SequenceEqual(keptRows), $"category_subtree_products {when}: [{string.Join(", ", keptRows)}], rebuild: [{string.Join(", ", rows)}]");
        return (keptWords.Count(), keptRows.Count());
    }
}
