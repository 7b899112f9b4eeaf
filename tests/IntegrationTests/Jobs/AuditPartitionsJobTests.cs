using System.Globalization;
using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

public sealed class AuditPartitionsJobTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const string PartitionsSql = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'public.audit_logs'::regclass ORDER BY c.relname
        """;

    [Fact]
    public async Task Run_CreatesTheNextMonths_MovesDefaultRows_DropsPartitionsPastRetention_AndIsIdempotent()
    {
        var db = factory.ConnectionString;
        var month = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var inThreeMonths = month.AddMonths(3);
        // A row for a month that has no partition yet lands in DEFAULT; an old month has a partition and a row.
        await ExecuteAsync(db, """
            CREATE TABLE audit_logs_2020_01 PARTITION OF audit_logs FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-02-01 00:00:00+00');
            INSERT INTO audit_logs (action, resource_type, created_at) VALUES ('test.old', 'test', '2020-01-15 12:00:00+00');
            INSERT INTO audit_logs (action, resource_type, created_at) VALUES ('test.ahead', 'test', @ahead);
            """, new { ahead = inThreeMonths.AddDays(2) });
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM audit_logs_default"));

        var affected = await factory.RunJobAsync("audit-partitions");

        var partitions = await QueryAsync<string>(db, PartitionsSql);
        for (var i = 0; i <= 3; i++)
        {
            Assert.Contains("audit_logs_" + month.AddMonths(i).ToString("yyyy_MM", CultureInfo.InvariantCulture), partitions);
        }

        Assert.DoesNotContain("audit_logs_2020_01", partitions);
        Assert.Equal(string.Empty, await ScalarAsync<string>(db, "SELECT coalesce(to_regclass('public.audit_logs_2020_01')::text, '')"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM audit_logs_default"));
        var aheadPartition = "audit_logs_" + inThreeMonths.ToString("yyyy_MM", CultureInfo.InvariantCulture);
        Assert.Equal(1L, await ScalarAsync<long>(db, $"SELECT count(*) FROM {aheadPartition} WHERE action = 'test.ahead'"));
        Assert.True(affected >= 2, $"created + dropped = {affected}"); // at least the month of the moved row, and the 2020 drop

        Assert.Equal(0, await factory.RunJobAsync("audit-partitions"));
        Assert.Equal(partitions, await QueryAsync<string>(db, PartitionsSql));
    }
}

/// <summary>In a database of their own, so the first class sees a month without a partition.</summary>
public sealed class AuditPartitionsConcurrencyTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const string PartitionsSql = """
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'public.audit_logs'::regclass ORDER BY c.relname
        """;

    [Fact]
    public async Task Run_TwiceAtOnce_BothSucceed()
    {
        await ExecuteAsync(factory.ConnectionString, "CREATE TABLE audit_logs_2018_03 PARTITION OF audit_logs FOR VALUES FROM ('2018-03-01 00:00:00+00') TO ('2018-04-01 00:00:00+00')");
        var beforeList = await QueryAsync<string>(factory.ConnectionString, PartitionsSql);
        var before = beforeList.Count;
        var expired = beforeList.Count(p => string.CompareOrdinal(p, "audit_logs_2024") < 0 && p != "audit_logs_default");
        var first = factory.RunJobAsync("audit-partitions");
        var second = factory.RunJobAsync("audit-partitions");
        await Task.WhenAll(first, second);
        var month = DateTime.UtcNow.AddMonths(3).ToString("yyyy_MM", CultureInfo.InvariantCulture);
        Assert.Equal(1L, await ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM pg_class WHERE relname = @name", new { name = "audit_logs_" + month }));
        Assert.DoesNotContain("audit_logs_2018_03", await QueryAsync<string>(factory.ConnectionString, PartitionsSql));
        var after = (await QueryAsync<string>(factory.ConnectionString, PartitionsSql)).Count;
        // Every month created once and every expired partition dropped once, whichever run did it.
        Assert.Equal(after - before + expired + expired, await first + await second);
    }

    [Fact]
    public async Task Run_WithRetentionZero_KeepsOldPartitions()
    {
        var db = factory.ConnectionString;
        await ExecuteAsync(db, "CREATE TABLE audit_logs_2019_06 PARTITION OF audit_logs FOR VALUES FROM ('2019-06-01 00:00:00+00') TO ('2019-07-01 00:00:00+00')");
        var options = Options.Create(new JobsOptions { AuditPartitions = { RetentionMonths = 0 } });
        var job = new AuditPartitionsJob(factory.Services.GetRequiredService<MaintenanceDatabase>(), options, TimeProvider.System, NullLogger<AuditPartitionsJob>.Instance);

        await job.RunAsync(CancellationToken.None);

        Assert.Contains("audit_logs_2019_06", await QueryAsync<string>(db, PartitionsSql));
    }
}
