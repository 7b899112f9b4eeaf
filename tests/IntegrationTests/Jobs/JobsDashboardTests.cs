using System.Net;
using Catalog.IntegrationTests.Infrastructure;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>A host running jobs whose schedules never come due during a test: only the dashboard triggers runs.</summary>
public sealed class DashboardHostFactory : CatalogApiFactory
{
    public DashboardHostFactory()
    {
        WithSetting("Jobs:Enabled", "true");
        WithSetting("Jobs:QueuePollInterval", "00:00:00.2");
        WithSetting("Jobs:SchedulePollingInterval", "00:00:01");
        foreach (var job in new[] { "TokenCleanup", "AuditPartitions", "DatabaseAnalyze", "DatabaseVacuum", "DatabaseReindex", "MailDelivery" })
        {
            WithSetting($"Jobs:{job}:Cron", "0 0 0 1 1 ?");
        }
    }
}

public sealed class JobsDashboardTests(DashboardHostFactory factory) : IClassFixture<DashboardHostFactory>
{
    private static FormUrlEncodedContent TriggerTokenCleanup => new([new("jobs[]", "token-cleanup")]);

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task Anonymous_Gets401(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerWithoutJobsPermissions_Gets403_AndCannotTrigger()
    {
        var before = await TokenCleanupJobsAsync();
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/hangfire")).StatusCode);
        var products = await factory.CreateApiKeyClientAsync("products:read");
        Assert.Equal(HttpStatusCode.Forbidden, (await products.GetAsync("/hangfire/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await products.PostAsync("/hangfire/recurring/trigger", TriggerTokenCleanup)).StatusCode);
        Assert.Equal(before, await TokenCleanupJobsAsync());
    }

    [Fact]
    public async Task Reader_SeesTheDashboardReadOnly_AndItsTriggerIsRefused()
    {
        var before = await TokenCleanupJobsAsync();
        var reader = await factory.CreateApiKeyClientAsync("jobs:read");
        var page = await reader.GetAsync("/hangfire/recurring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("token-cleanup", html, StringComparison.Ordinal);
        Assert.DoesNotContain("js-jobs-list-command", html, StringComparison.Ordinal);

        var trigger = await reader.PostAsync("/hangfire/recurring/trigger", TriggerTokenCleanup);
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        Assert.Equal(before, await TokenCleanupJobsAsync());
    }

    [Fact]
    public async Task Runner_TriggersARecurringJob_WhichRuns()
    {
        var before = await TokenCleanupJobsAsync();
        var runner = await factory.CreateApiKeyClientAsync("jobs:read", "jobs:run");
        var page = await (await runner.GetAsync("/hangfire/recurring")).Content.ReadAsStringAsync();
        Assert.Contains("js-jobs-list-command", page, StringComparison.Ordinal);

        var trigger = await runner.PostAsync("/hangfire/recurring/trigger", TriggerTokenCleanup);
        Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
        Assert.Equal(before + 1, await TokenCleanupJobsAsync());
        Assert.True(await EventuallyAsync(
            async () => await ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM job_runs WHERE job_name = 'token-cleanup' AND outcome = 'succeeded'") == before + 1,
            TimeSpan.FromSeconds(20)));
    }

    private Task<long> TokenCleanupJobsAsync() =>
        ScalarAsync<long>(factory.ConnectionString, "SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE '%token-cleanup%'");
}
