using System.Net;
using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Jobs;

/// <summary>Hangfire's guarantees as the jobs rely on them (ADR-080): storage, schedules, retries, recovery, exclusion.</summary>
public sealed class HangfireTests
{
    private const string ManualRunsSql = "SELECT count(*) FROM job_runs WHERE job_name = @job AND triggered_by = 'manual'";

    private const string AdvisoryLocksSql =
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    [Fact]
    public async Task Migrate_CreatesTheHangfireSchema_OwnedByTheOwner_WhereTheAppRoleHasDmlOnly()
    {
        var factory = new CatalogApiFactory();
        await factory.InitializeAsync();
        await using var _ = factory;
        var db = factory.ConnectionString;

        Assert.Equal(PostgresServer.OwnerRole, await ScalarAsync<string>(db, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'hangfire'"));
        var tables = await QueryAsync<(string Name, string Owner)>(db, "SELECT tablename::text, tableowner::text FROM pg_tables WHERE schemaname = 'hangfire'");
        Assert.Contains(tables, t => t.Name == "job");
        Assert.Contains(tables, t => t.Name == "jobqueue");
        Assert.All(tables, t => Assert.Equal(PostgresServer.OwnerRole, t.Owner));

        const string PrivilegesSql = """
            SELECT has_schema_privilege('catalog_app', 'hangfire', 'USAGE'), has_schema_privilege('catalog_app', 'hangfire', 'CREATE'),
                   bool_and(has_table_privilege('catalog_app', 'hangfire.' || quote_ident(tablename), 'SELECT,INSERT,UPDATE,DELETE')),
                   bool_or(has_table_privilege('catalog_app', 'hangfire.' || quote_ident(tablename), 'TRUNCATE,REFERENCES,TRIGGER'))
            FROM pg_tables WHERE schemaname = 'hangfire'
            """;
        var (usage, create, dml, more) = (await QueryAsync<(bool, bool, bool, bool)>(db, PrivilegesSql)).Single();
        Assert.True(usage);
        Assert.False(create);
        Assert.True(dml);
        Assert.False(more);
    }

    [Fact]
    public async Task ChangedCron_ReplacesTheStoredSchedule_AtStartUp()
    {
        var first = new ClusterNodeFactory().WithSetting("Jobs:TokenCleanup:Cron", "0 0/15 * * * ?");
        await first.InitializeAsync();
        var db = first.ConnectionString;
        _ = first.Services;
        Assert.Equal("0 0/15 * * * ?", await StoredCronAsync(db, "token-cleanup"));
        await first.DisposeAsync();

        await using var second = new ClusterNodeFactory(db).WithSetting("Jobs:TokenCleanup:Cron", "0 0/20 * * * ?");
        var (client, _) = await ((CatalogApiFactory)second).CreateClientAsAsync("admin");
        Assert.Equal("0 0/20 * * * ?", await StoredCronAsync(db, "token-cleanup"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'token-cleanup'"));
        var list = await (await client.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("0 0/20 * * * ?", list.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "token-cleanup").GetProperty("schedule").GetString());
    }

    [Fact]
    public async Task ApiOnlyInstance_QueuesARunItNeverExecutes_AndARunWhoseServerDiedIsPickedUpByAnother()
    {
        // An instance with Jobs:Enabled=false: a Hangfire client only.
        await using var apiOnly = new ClusterNodeFactory(runsJobs: false);
        await apiOnly.InitializeAsync();
        var db = apiOnly.ConnectionString;
        var (client, _) = await ((CatalogApiFactory)apiOnly).CreateClientAsAsync("admin");
        await (await client.PostAsync("/api/v1/admin/jobs/token-cleanup/run", null)).AssertStatusAsync(HttpStatusCode.Accepted);

        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM hangfire.server"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'"));
        var jobId = await ScalarAsync<long>(db, "SELECT id FROM hangfire.job");
        Assert.Equal("Enqueued", await ScalarAsync<string>(db, "SELECT statename FROM hangfire.job WHERE id = @jobId", new { jobId }));

        // A server fetches the run and dies before it finishes: nothing ever acknowledges or requeues it.
        var storage = apiOnly.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var fetched = connection.FetchNextJob([JobStorageSchema.Queue], CancellationToken.None);
            Assert.NotNull(fetched);
        }

        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM hangfire.jobqueue WHERE fetchedat IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync<long>(db, ManualRunsSql, new { job = "token-cleanup" }));

        // Another instance takes it over once the dead server's claim has lapsed, and runs it once.
        await using var survivor = new ClusterNodeFactory(db).WithSetting("Jobs:InvisibilityTimeout", "00:00:02");
        _ = survivor.Services;
        var survivorId = ((ClusterNodeFactory)survivor).InstanceId;
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<long>(db, ManualRunsSql + " AND outcome = 'succeeded'", new { job = "token-cleanup" }) == 1, TimeSpan.FromSeconds(30)));
        Assert.Equal(survivorId, await ScalarAsync<string>(db, "SELECT instance_id FROM job_runs WHERE job_name = 'token-cleanup' AND triggered_by = 'manual'"));
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<string>(db, "SELECT statename FROM hangfire.job WHERE id = @jobId", new { jobId }) == "Succeeded", TimeSpan.FromSeconds(10)));
        Assert.Equal(1L, await ScalarAsync<long>(db, ManualRunsSql, new { job = "token-cleanup" }));
    }

    [Fact]
    public async Task FailedRun_IsRetriedABoundedNumberOfTimes_ThenLeftFailedAndVisible()
    {
        await using var host = new ClusterNodeFactory()
            .WithSetting("Jobs:Retry:Attempts", "2")
            .WithSetting("Jobs:Retry:FirstDelay", "00:00:01")
            .WithSetting("Jobs:DatabaseAnalyze:Cron", "0 0 0 1 1 ?")
            .WithSetting("Jobs:MaintenanceConnectionString", "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
        await host.InitializeAsync();
        var db = host.ConnectionString;
        var (client, _) = await host.CreateClientAsAsync("admin");

        await (await client.PostAsync("/api/v1/admin/jobs/database-analyze/run", null)).AssertStatusAsync(HttpStatusCode.Accepted);

        // The first attempt and two retries fail; then the run is Failed for good (a final state: no fourth attempt).
        const string ManualJobSql = "SELECT statename FROM hangfire.job WHERE arguments::text LIKE '%manual%'";
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<string>(db, ManualJobSql) == "Failed", TimeSpan.FromSeconds(60)));
        Assert.Equal(3L, await ScalarAsync<long>(db, ManualRunsSql + " AND outcome = 'failed' AND error IS NOT NULL", new { job = "database-analyze" }));
        var attempts = await QueryAsync<string>(db, "SELECT DISTINCT metadata->>'backgroundJobId' FROM audit_logs WHERE action = 'job.database-analyze.run'");
        var jobId = long.Parse(Assert.Single(attempts), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("2", await ScalarAsync<string>(db, "SELECT value FROM hangfire.jobparameter WHERE jobid = @jobId AND name = 'RetryCount'", new { jobId }));

        var list = await (await client.GetAsync("/api/v1/admin/jobs")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("failed", list.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "database-analyze").GetProperty("lastOutcome").GetString());
    }

    [Fact]
    public void RetryDelay_DoublesFromTheFirstDelay_UpToADay()
    {
        var retry = new JobRetryOptions { FirstDelay = TimeSpan.FromMinutes(1) };
        Assert.Equal([60, 120, 240], new long[] { 1, 2, 3 }.Select(a => JobsRegistration.RetryDelaySeconds(retry, a)));
        Assert.Equal(86_400, JobsRegistration.RetryDelaySeconds(retry, 40));
    }

    [Fact]
    public async Task SecondRunOfAJob_WhileOneIsInProgress_DoesNothing_ThenRunsOnceItIsFree()
    {
        var factory = new CatalogApiFactory();
        await factory.InitializeAsync();
        await using var _ = factory;
        var db = factory.ConnectionString;
        var runner = factory.Services.GetRequiredService<HangfireJobRunner>();

        // The run in progress elsewhere holds the job's lock (on its own connection, as a runner does; unpooled, so
        // that closing it ends the session and its lock as an instance's death would).
        var unpooled = new NpgsqlConnectionStringBuilder(PostgresServer.AppConnectionString(db)) { Pooling = false }.ConnectionString;
        await using (var inProgress = new NpgsqlConnection(unpooled))
        {
            await inProgress.OpenAsync();
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('catalog.jobs'), hashtext('mail-delivery'))", inProgress);
            await take.ExecuteNonQueryAsync();

            await runner.RunAsync("mail-delivery", HangfireJobRunner.Manual, null, null, CancellationToken.None);
            Assert.Equal(0L, await ScalarAsync<long>(db, ManualRunsSql, new { job = "mail-delivery" }));
        }

        // The server ends the closed session (and its lock) a moment after the client hung up.
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<long>(db, AdvisoryLocksSql) == 0, TimeSpan.FromSeconds(10)));

        await runner.RunAsync("mail-delivery", HangfireJobRunner.Manual, null, null, CancellationToken.None);
        await runner.RunAsync("mail-delivery", HangfireJobRunner.Manual, null, null, CancellationToken.None);
        Assert.Equal(2L, await ScalarAsync<long>(db, ManualRunsSql + " AND outcome = 'succeeded'", new { job = "mail-delivery" }));
        // The runner released the lock each time.
        Assert.Equal(0L, await ScalarAsync<long>(db, AdvisoryLocksSql));
    }

    private static Task<string> StoredCronAsync(string db, string job) =>
        ScalarAsync<string>(db, "SELECT value FROM hangfire.hash WHERE key = @key AND field = 'Cron'", new { key = "recurring-job:" + job });
}
