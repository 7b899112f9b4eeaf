using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

public sealed class DatabaseMaintenanceJobTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task Analyze_UpdatesStatisticsOfTheHotTables_AndCanRunAgain()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        Assert.Equal(13, await factory.RunJobAsync("database-analyze"));
        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(factory.ConnectionString,
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('products', 'refresh_tokens', 'users') AND last_analyze >= @before",
                new { before }) == 3,
            TimeSpan.FromSeconds(5)));
        Assert.Equal(13, await factory.RunJobAsync("database-analyze"));
    }

    [Fact]
    public async Task Vacuum_VacuumsAndAnalyzesTheHotTables_AndCanRunAgain()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        Assert.Equal(13, await factory.RunJobAsync("database-vacuum"));
        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(factory.ConnectionString,
                "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('products', 'user_sessions') AND last_vacuum >= @before AND last_analyze >= @before",
                new { before }) == 2,
            TimeSpan.FromSeconds(5)));
        Assert.Equal(13, await factory.RunJobAsync("database-vacuum"));
    }

    [Fact]
    public async Task Reindex_RebuildsEveryProductsIndexConcurrently_AndCleansUpLeftovers()
    {
        const string IndexesSql = """
            SELECT c.relname || ':' || c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'public.products'::regclass ORDER BY c.relname
            """;
        var before = await QueryAsync<string>(factory.ConnectionString, IndexesSql);
        Assert.NotEmpty(before);

        var rebuilt = await factory.RunJobAsync("database-reindex");

        var after = await QueryAsync<string>(factory.ConnectionString, IndexesSql);
        Assert.Equal(before.Count, rebuilt);
        Assert.Equal(before.Select(Name), after.Select(Name));
        Assert.Empty(before.Intersect(after)); // REINDEX CONCURRENTLY builds a new index (new oid) under the old name
        Assert.Equal(before.Count, await factory.RunJobAsync("database-reindex"));

        static string Name(string entry) => entry[..entry.IndexOf(':', StringComparison.Ordinal)];
    }
}
