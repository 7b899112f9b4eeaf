using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>One instance of the API running a Hangfire server; a second node shares the first one's database.</summary>
public sealed class ClusterNodeFactory : CatalogApiFactory
{
    private readonly string? _sharedConnectionString;

    public ClusterNodeFactory(string? sharedConnectionString = null, bool runsJobs = true)
    {
        _sharedConnectionString = sharedConnectionString;
        WithSetting("Jobs:Enabled", runsJobs ? "true" : "false");
        WithSetting("Jobs:QueuePollInterval", "00:00:00.2");
        WithSetting("Jobs:SchedulePollingInterval", "00:00:01");
        WithSetting("Jobs:DatabaseAnalyze:Cron", "0/2 * * * * ?");
        if (sharedConnectionString is not null)
        {
            WithSetting("ConnectionStrings:Catalog", PostgresServer.AppConnectionString(sharedConnectionString));
            WithSetting("ConnectionStrings:CatalogOwner", sharedConnectionString);
        }
    }

    public string Database => _sharedConnectionString ?? ConnectionString;

    public override Task InitializeAsync() => _sharedConnectionString is null ? base.InitializeAsync() : Task.CompletedTask;

    public string InstanceId => Services.GetRequiredService<JobServerIdentity>().Name;
}

public sealed class ClusterTests
{
    private const string AnalyzeRunsSql = """
        SELECT started_at, instance_id FROM job_runs
        WHERE job_name = 'database-analyze' AND triggered_by = 'schedule' AND outcome = 'succeeded'
        ORDER BY started_at
        """;

    private const string ScheduledFiringsSql = """
        SELECT metadata->>'scheduledFor' FROM audit_logs
        WHERE action = 'job.database-analyze.run' AND metadata->>'triggeredBy' = 'schedule'
        """;

    // Each occurrence is one Hangfire background job: a job run twice would show its id twice.
    private const string BackgroundJobIdsSql = """
        SELECT metadata->>'backgroundJobId' FROM audit_logs
        WHERE action = 'job.database-analyze.run' AND metadata->>'triggeredBy' = 'schedule'
        """;

    [Fact]
    public async Task TwoHostsOnOneDatabase_RunEachFiringExactlyOnce_AndTheSurvivorCarriesOn()
    {
        await using var first = new ClusterNodeFactory();
        await first.InitializeAsync();
        await using var second = new ClusterNodeFactory(first.ConnectionString);
        await second.InitializeAsync();
        var db = first.Database;
        var firstId = first.InstanceId;
        var secondId = second.InstanceId;
        Assert.NotEqual(firstId, secondId);

        // A trigger every 2 seconds, seen by both nodes: each firing (its scheduled time) is run exactly once.
        Assert.True(await EventuallyAsync(async () => (await QueryAsync<string>(db, ScheduledFiringsSql)).Count >= 4, TimeSpan.FromSeconds(30)));
        var firings = await QueryAsync<string>(db, ScheduledFiringsSql);
        Assert.Equal(firings.Count, firings.Distinct(StringComparer.Ordinal).Count());
        var jobIds = await QueryAsync<string>(db, BackgroundJobIdsSql);
        Assert.All(jobIds, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(jobIds.Count, jobIds.Distinct(StringComparer.Ordinal).Count());
        var runs = await QueryAsync<(DateTime StartedAt, string InstanceId)>(db, AnalyzeRunsSql);
        Assert.All(runs, run => Assert.Contains(run.InstanceId, new[] { firstId, secondId }));

        // A run queued through one node executes exactly once in the cluster.
        var (client, _) = await second.CreateClientAsAsync("admin");
        await (await client.PostAsync("/api/v1/admin/jobs/token-cleanup/run", null)).AssertStatusAsync(HttpStatusCode.Accepted);
        const string ManualRunsSql = "SELECT count(*) FROM job_runs WHERE job_name = 'token-cleanup' AND triggered_by = 'manual'";
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<long>(db, ManualRunsSql) >= 1, TimeSpan.FromSeconds(20)));
        Assert.False(await EventuallyAsync(async () => await ScalarAsync<long>(db, ManualRunsSql) > 1, TimeSpan.FromSeconds(3)));

        // One node stops: the other keeps every firing.
        await first.DisposeAsync();
        var stoppedAt = DateTime.UtcNow;
        Assert.True(await EventuallyAsync(
            async () => (await QueryAsync<(DateTime StartedAt, string InstanceId)>(db, AnalyzeRunsSql)).Count(r => r.StartedAt > stoppedAt) >= 2,
            TimeSpan.FromSeconds(30)));
        var afterStop = (await QueryAsync<(DateTime StartedAt, string InstanceId)>(db, AnalyzeRunsSql)).Where(r => r.StartedAt > stoppedAt).ToList();
        Assert.All(afterStop, run => Assert.Equal(secondId, run.InstanceId));
        var allFirings = await QueryAsync<string>(db, ScheduledFiringsSql);
        Assert.Equal(allFirings.Count, allFirings.Distinct(StringComparer.Ordinal).Count());
        var allJobIds = await QueryAsync<string>(db, BackgroundJobIdsSql);
        Assert.Equal(allJobIds.Count, allJobIds.Distinct(StringComparer.Ordinal).Count());
    }
}
