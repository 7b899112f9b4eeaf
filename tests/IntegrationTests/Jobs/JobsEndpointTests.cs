using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>
/// A host that runs jobs. Its maintenance connection points at nothing, so the jobs that use it (ANALYZE, VACUUM,
/// REINDEX, partitions) fail: that shows a failure is recorded and the host carries on.
/// </summary>
public sealed class JobsHostFactory : CatalogApiFactory
{
    public JobsHostFactory()
    {
        WithSetting("Jobs:Enabled", "true");
        WithSetting("Jobs:QueuePollInterval", "00:00:00.2");
        WithSetting("Jobs:SchedulePollingInterval", "00:00:01");
        WithSetting("Jobs:MaintenanceConnectionString", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
    }
}

public sealed class JobsEndpointTests(JobsHostFactory factory) : IClassFixture<JobsHostFactory>
{
    private static readonly string[] JobNames = ["token-cleanup", "audit-partitions", "database-analyze", "database-vacuum", "database-reindex", "mail-delivery"];

    [Fact]
    public async Task List_AsAdmin_ShowsEveryJobWithItsScheduleAndNextRun()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        var body = await (await client.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);

        var jobs = body.EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!);
        Assert.Equal(JobNames.Order(), jobs.Keys.Order());
        Assert.Equal("0 0/15 * * * ?", jobs["token-cleanup"].GetProperty("schedule").GetString());
        Assert.Equal("0 15 0 * * ?", jobs["audit-partitions"].GetProperty("schedule").GetString());
        foreach (var job in jobs.Values)
        {
            Assert.True(job.GetProperty("nextRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddSeconds(-5));
            Assert.True(job.TryGetProperty("lastRunAt", out _));
            Assert.True(job.TryGetProperty("lastOutcome", out _));
        }
    }

    [Fact]
    public async Task List_And_Run_NeedTheirPermissions()
    {
        await (await factory.CreateClient().GetAsync("/api/v1/admin/jobs")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        await (await manager.GetAsync("/api/v1/admin/jobs")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostAsync("/api/v1/admin/jobs/token-cleanup/run", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Run_UnknownJob_Is404Problem()
    {
        var (client, _) = await factory.CreateClientAsAsync("admin");
        await (await client.PostAsync("/api/v1/admin/jobs/no-such-job/run", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Run_Returns202_ThenTheRunIsRecordedInJobRunsAndTheAuditTrail_AndListed()
    {
        var db = factory.ConnectionString;
        var (client, admin) = await factory.CreateClientAsAsync("admin");

        var accepted = await (await client.PostAsync("/api/v1/admin/jobs/token-cleanup/run", null)).AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal("token-cleanup", accepted.GetProperty("name").GetString());

        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(db, "SELECT count(*) FROM job_runs WHERE job_name = 'token-cleanup' AND triggered_by = 'manual' AND outcome <> 'running'") == 1,
            TimeSpan.FromSeconds(20)), "the queued run was executed");
        var run = (await QueryAsync<(Guid Id, string Outcome, string InstanceId, DateTime StartedAt, DateTime FinishedAt, long RowsAffected)>(db,
            "SELECT id, outcome, instance_id, started_at, finished_at, rows_affected FROM job_runs WHERE job_name = 'token-cleanup' AND triggered_by = 'manual'")).Single();
        Assert.Equal("succeeded", run.Outcome);
        Assert.False(string.IsNullOrEmpty(run.InstanceId));
        Assert.True(run.FinishedAt >= run.StartedAt);
        Assert.Equal(0, run.RowsAffected);

        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(db,
                "SELECT count(*) FROM audit_logs WHERE action = 'job.token-cleanup.run' AND resource_id = @id AND user_id = @user AND metadata->>'outcome' = 'succeeded'",
                new { id = run.Id, user = admin.Id }) == 1,
            TimeSpan.FromSeconds(5)), "the run is in the audit trail");
        Assert.Equal(1L, await ScalarAsync<long>(db,
            "SELECT count(*) FROM audit_logs WHERE action = 'job.token-cleanup.run_requested' AND user_id = @user", new { user = admin.Id }));

        var list = await (await client.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);
        var listed = list.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "token-cleanup");
        Assert.Equal("succeeded", listed.GetProperty("lastOutcome").GetString());
        Assert.True(listed.GetProperty("lastRunAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Run_OfAFailingJob_IsRecordedAsFailed_AndTheHostCarriesOn()
    {
        var db = factory.ConnectionString;
        var (client, _) = await factory.CreateClientAsAsync("admin");

        await (await client.PostAsync("/api/v1/admin/jobs/database-analyze/run", null)).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(db, "SELECT count(*) FROM job_runs WHERE job_name = 'database-analyze' AND outcome = 'failed' AND error IS NOT NULL") == 1,
            TimeSpan.FromSeconds(20)), "the failed run was recorded");
        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(db, "SELECT count(*) FROM audit_logs WHERE action = 'job.database-analyze.run' AND error_message IS NOT NULL") == 1,
            TimeSpan.FromSeconds(5)), "the failed run is in the audit trail");

        var list = await (await client.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);
        var listed = list.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "database-analyze");
        Assert.Equal("failed", listed.GetProperty("lastOutcome").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, listed.GetProperty("nextRunAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
