using Catalog.DevelopmentDatabase.DemoData;
using Catalog.Infrastructure.Identity;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Catalog.IntegrationTests.DemoData;

public sealed class DemoDataSeederTests
{
    private const string RatingMismatches = """
        SELECT count(*)
          FROM products p
          LEFT JOIN LATERAL (
                SELECT count(*)::int AS n,
                       coalesce(round(avg(r.rating), 2), 0) AS average,
                       ARRAY[count(*) FILTER (WHERE r.rating = 1), count(*) FILTER (WHERE r.rating = 2),
                             count(*) FILTER (WHERE r.rating = 3), count(*) FILTER (WHERE r.rating = 4),
                             count(*) FILTER (WHERE r.rating = 5)]::int[] AS counts
                  FROM reviews r
                 WHERE r.product_id = p.id AND r.deleted_at IS NULL) s ON true
         WHERE p.review_count <> s.n OR p.average_rating <> s.average OR p.rating_counts <> s.counts
        """;

    [Fact]
    public async Task Seed_OnEmptyDatabase_LoadsDemoCatalogWithConsistentRatings()
    {
        await using var dataSource = await FreshDatabaseAsync();

        var seeded = await NewSeeder(dataSource).SeedAsync(CatalogDataSpec.Demo, CancellationToken.None);

        Assert.True(seeded);
        Assert.Equal(CatalogDataSpec.Demo.Products, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM products"));
        Assert.Equal(30L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM categories"));
        Assert.Equal(3, await ScalarAsync<int>(dataSource, "SELECT max(depth) FROM categories"));
        Assert.Equal(0L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM categories c JOIN categories p ON p.id = c.parent_id WHERE c.path <> p.path || c.id"));
        Assert.Equal(40L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM brands"));
        Assert.Equal(100L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM users WHERE email LIKE '%@demo.catalog.test'"));
        Assert.InRange(await ScalarAsync<long>(dataSource, "SELECT count(*) FROM reviews"), 800L, 1_300L);
        Assert.InRange(await ScalarAsync<long>(dataSource, "SELECT count(*) FROM products WHERE status = 'published'"), 220L, 290L);
        Assert.True(await ScalarAsync<long>(dataSource, "SELECT count(*) FROM products WHERE status = 'draft'") > 0);
        Assert.Equal(0L, await ScalarAsync<long>(dataSource, RatingMismatches));
        Assert.True(await ScalarAsync<long>(dataSource, "SELECT count(*) FROM reviews WHERE rating = 5") >
                    await ScalarAsync<long>(dataSource, "SELECT count(*) FROM reviews WHERE rating = 2") * 3);
    }

    [Fact]
    public async Task Seed_IsDeterministic_AndDoesNothingWhenProductsExist()
    {
        await using var first = await FreshDatabaseAsync();
        await using var second = await FreshDatabaseAsync();
        const string Fingerprint = "SELECT md5(string_agg(slug || ':' || price || ':' || review_count, ',' ORDER BY id)) FROM products";

        await NewSeeder(first).SeedAsync(CatalogDataSpec.Demo, CancellationToken.None);
        await NewSeeder(second).SeedAsync(CatalogDataSpec.Demo, CancellationToken.None);
        var again = await NewSeeder(first).SeedAsync(CatalogDataSpec.Demo, CancellationToken.None);

        Assert.False(again);
        Assert.Equal(CatalogDataSpec.Demo.Products, await ScalarAsync<long>(first, "SELECT count(*) FROM products"));
        Assert.Equal(await ScalarAsync<string>(first, Fingerprint), await ScalarAsync<string>(second, Fingerprint));
    }

    [Fact]
    public async Task SeededUser_CanSignInWithTheDemoPassword()
    {
        await using var dataSource = await FreshDatabaseAsync();
        await NewSeeder(dataSource).SeedAsync(CatalogDataSpec.Demo, CancellationToken.None);

        var hash = await ScalarAsync<string>(dataSource, $"SELECT password_hash FROM users WHERE email = '{CatalogDataGenerator.UserEmail(7)}'");

        Assert.Equal(Application.Common.Identity.PasswordCheck.Success, new AspNetPasswordHasher().Verify(hash, CatalogDataSpec.UserPassword));
    }

    private static DemoDataSeeder NewSeeder(NpgsqlDataSource dataSource) =>
        new(dataSource, new AspNetPasswordHasher(), TimeProvider.System, NullLogger<DemoDataSeeder>.Instance);

    private static async Task<NpgsqlDataSource> FreshDatabaseAsync()
    {
        var server = await PostgresServer.InstanceAsync();
        return NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
