using Catalog.Infrastructure;
using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Persistence;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.IntegrationTests.Foundation;

public sealed class ReadSideSettingsTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public void ReadConnectionString_WhenTheOperatorSetsNothing_PreparesStatementsAndSkipsThePoolReset()
    {
        var read = new NpgsqlConnectionStringBuilder(DependencyInjection.ReadConnectionString("Host=db;Database=catalog", new DatabaseOptions()));
        Assert.Equal(32, read.MaxAutoPrepare);
        Assert.Equal(2, read.AutoPrepareMinUsages);
        Assert.True(read.NoResetOnClose);
        Assert.Equal("db", read.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;Auto Prepare Min Usages=7;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;AutoPrepareMinUsages=7;NoResetOnClose=false")]
    public void ReadConnectionString_WhenTheOperatorSetsTheKeywords_KeepsTheirValues(string given)
    {
        var read = new NpgsqlConnectionStringBuilder(DependencyInjection.ReadConnectionString(given, new DatabaseOptions()));
        Assert.Equal(0, read.MaxAutoPrepare);
        Assert.Equal(7, read.AutoPrepareMinUsages);
        Assert.False(read.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Database=catalog", true)]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;noresetonclose=false", false)]
    public void WriteConnectionString_SkipsThePoolReset_UnlessTheOperatorSetsTheKeyword(string given, bool expected)
    {
        var write = new NpgsqlConnectionStringBuilder(DependencyInjection.WriteConnectionString(given, new DatabaseOptions()));
        Assert.Equal(expected, write.NoResetOnClose);
        Assert.Equal("db", write.Host);
        Assert.False(new NpgsqlConnectionStringBuilder(
            DependencyInjection.WriteConnectionString("Host=db", new DatabaseOptions { WriteNoResetOnClose = false })).NoResetOnClose);
    }

    [Fact]
    public async Task WritePool_KeepsTheSession_WhenAConnectionReturns()
    {
        // DISCARD ALL would also drop the plans PL/pgSQL caches per connection (ADR-124): a session setting that survives
        // the connection's return to the pool shows that no reset ran.
        var dataSource = factory.Services.GetRequiredService<NpgsqlDataSource>();
        int firstPid;
        await using (var first = await dataSource.OpenConnectionAsync())
        {
            await using var set = new NpgsqlCommand("SELECT pg_backend_pid() FROM set_config('catalog.test_marker', 'kept', false)", first);
            firstPid = (int)(await set.ExecuteScalarAsync())!;
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            await using var again = await dataSource.OpenConnectionAsync();
            await using var read = new NpgsqlCommand("SELECT pg_backend_pid(), current_setting('catalog.test_marker', true)", again);
            await using var row = await read.ExecuteReaderAsync();
            await row.ReadAsync();
            if (row.GetInt32(0) == firstPid)
            {
                Assert.Equal("kept", row.IsDBNull(1) ? null : row.GetString(1));
                return;
            }
        }

        Assert.Fail("The pool never handed back the first connection.");
    }

    [Fact]
    public void ReadConnectionString_TakesItsOwnPoolSize_UnlessTheStringSetsOne()
    {
        var options = new DatabaseOptions { ReadMaxPoolSize = 4 };
        Assert.Equal(4, new NpgsqlConnectionStringBuilder(DependencyInjection.ReadConnectionString("Host=db", options)).MaxPoolSize);
        Assert.Equal(9, new NpgsqlConnectionStringBuilder(DependencyInjection.ReadConnectionString("Host=db;Maximum Pool Size=9", options)).MaxPoolSize);
        Assert.Equal(9, new NpgsqlConnectionStringBuilder(DependencyInjection.ReadConnectionString("Host=db;MaxPoolSize=9", options)).MaxPoolSize);

        // Unset (0): the pool keeps Database:MaxPoolSize, which the data source applies to both pools.
        var unset = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = DependencyInjection.ReadConnectionString("Host=db", new DatabaseOptions()) };
        Assert.False(unset.ContainsKey("Maximum Pool Size"));
    }

    [Fact]
    public void ReadDataSource_OfTheRunningApi_UsesThePreparedNoResetSettings()
    {
        var read = new NpgsqlConnectionStringBuilder(factory.Services.GetRequiredService<ReadDataSource>().DataSource.ConnectionString);
        Assert.Equal(32, read.MaxAutoPrepare);
        Assert.True(read.NoResetOnClose);
    }

    [Fact]
    public async Task ProductDetail_WhenReadTwiceOnPreparedConnections_AnswersTheSame()
    {
        var catalog = new Products.TestCatalog(factory);
        var category = await catalog.CategoryAsync("Prepared Root");
        var child = await catalog.CategoryAsync("Prepared Leaf", category);
        await catalog.ProductAsync(new("Prepared Widget") { Slug = "prepared-widget", CategoryId = child });
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        for (var i = 0; i < 3; i++)
        {
            // Distinct query keys bypass the output cache, so each read runs the (by then prepared) detail statement.
            var body = await (await client.GetAsync($"/api/v1/products/prepared-widget?i={i}")).AssertStatusAsync(System.Net.HttpStatusCode.OK);
            var crumbs = body.GetProperty("breadcrumb").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
            Assert.Equal(new List<string> { "Prepared Root", "Prepared Leaf" }, crumbs);
        }
    }
}

public sealed class OutputCacheBoundsTests
{
    [Fact]
    public async Task OutputCache_WhenNotConfigured_IsBoundedByTheDefaults()
    {
        await using var factory = new CatalogApiFactory();
        var options = await ResolveOptionsAsync(factory);
        Assert.Equal(32L * 1024 * 1024, options.SizeLimit);
        Assert.Equal(2048L * 1024, options.MaximumBodySize);
    }

    [Fact]
    public async Task OutputCache_WhenConfigured_TakesTheLimitsFromTheCachingSection()
    {
        await using var factory = new CatalogApiFactory()
            .WithSetting("Caching:SizeLimitMegabytes", "5")
            .WithSetting("Caching:MaximumBodySizeKilobytes", "64");
        var options = await ResolveOptionsAsync(factory);
        Assert.Equal(5L * 1024 * 1024, options.SizeLimit);
        Assert.Equal(64L * 1024, options.MaximumBodySize);
    }

    private static async Task<OutputCacheOptions> ResolveOptionsAsync(CatalogApiFactory factory)
    {
        await factory.InitializeAsync();
        return factory.Services.GetRequiredService<IOptions<OutputCacheOptions>>().Value;
    }
}
