using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Hardening;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Observability;

/// <summary>
/// <c>GET /metrics</c>: Prometheus text to the allowed networks (loopback by default), the 404 of an unknown path to
/// everyone else; and the catalog's counters move when the thing they count happens. Hosts in one test process share
/// the catalog's meter, so each test compares a series before and after what it does.
/// </summary>
public sealed class MetricsTests : IClassFixture<ObservabilityApiFactory>
{
    private readonly ObservabilityApiFactory _factory;

    public MetricsTests(ObservabilityApiFactory factory) => _factory = (ObservabilityApiFactory)factory
        .WithSetting("Auth:LockoutThreshold", "2")
        .WithSetting("Auth:LockoutSeconds", "300");

    [Fact]
    public async Task Metrics_FromLoopback_ArePrometheusText_WithHttpRuntimeAndNpgsqlSeries()
    {
        await _factory.CreateClient().GetAsync("/api/v1/brands");
        var response = await SendAsync(HttpMethod.Get, "/metrics", "127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("http_server_active_requests", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_thread_pool_thread_count", text, StringComparison.Ordinal);
        Assert.Contains("db_client_operation_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_max", text, StringComparison.Ordinal);
        // The app's pools are named, not described by their connection strings (host, user and database stay out of the
        // labels). The meter is process-wide: the connections of other hosts and of the test run itself are left aside.
        Assert.Contains("db_client_connection_pool_name=\"catalog-write\"", text, StringComparison.Ordinal);
        Assert.Contains("db_client_connection_pool_name=\"catalog-cache-listener\"", text, StringComparison.Ordinal);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(_factory.ConnectionString).Database;
        Assert.DoesNotContain($"Username=catalog_app;Database={database}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("198.51.100.7")]
    [InlineData("10.1.2.3")]
    [InlineData(null)]
    public async Task Metrics_FromAnAddressOutsideTheAllowedNetworks_Is404(string? peer)
    {
        var response = await SendAsync(HttpMethod.Get, "/metrics", peer);
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task FailedSignInsAndALockout_AreCounted_WithTheCommandsOutcome()
    {
        var user = await _factory.CreateUserAsync();
        var before = await ScrapeAsync();
        var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            await (await client.PostJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong " + i })).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var after = await ScrapeAsync();
        Assert.True(Delta(before, after, "catalog_sign_ins_failed_total", "catalog_sign_in_reason=\"wrong_password\"") >= 2);
        Assert.True(Delta(before, after, "catalog_sign_ins_locked_out_total") >= 1);
        Assert.True(Delta(before, after, "catalog_commands_total", "catalog_command_name=\"LoginCommand\"", "catalog_command_outcome=\"auth.invalid_credentials\"") >= 2);
        Assert.True(Delta(before, after, "catalog_audit_rows_total", "catalog_audit_kind=\"security\"") >= 3);
    }

    [Fact]
    public async Task OutputCacheHitsAndMisses_AreCounted()
    {
        var before = await ScrapeAsync();
        var client = _factory.CreateClient();
        (await client.GetAsync("/api/v1/brands?limit=3")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/brands?limit=3")).EnsureSuccessStatusCode();

        var after = await ScrapeAsync();
        Assert.True(Delta(before, after, "catalog_output_cache_lookups_total", "catalog_output_cache_result=\"miss\"") >= 1);
        Assert.True(Delta(before, after, "catalog_output_cache_lookups_total", "catalog_output_cache_result=\"hit\"") >= 1);
    }

    [Fact]
    public async Task AnIdempotentReplay_ACommandAndItsAuditRow_AreCounted()
    {
        var (admin, _) = await _factory.CreateClientAsAsync("admin");
        var before = await ScrapeAsync();
        var key = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/brands") { Content = JsonContent.Create(new { name = "Metrics brand " + key }) };
            request.Headers.Add("Idempotency-Key", key);
            await (await admin.SendAsync(request)).AssertStatusAsync(HttpStatusCode.Created);
        }

        var after = await ScrapeAsync();
        Assert.True(Delta(before, after, "catalog_idempotency_replays_total") >= 1);
        Assert.True(Delta(before, after, "catalog_commands_total", "catalog_command_name=\"CreateBrandCommand\"", "catalog_command_outcome=\"ok\"") >= 1);
        Assert.True(Delta(before, after, "catalog_audit_rows_total", "catalog_audit_kind=\"change\"") >= 1);
    }

    [Fact]
    public async Task ImportRows_AreCountedByOutcome()
    {
        var (manager, _) = await _factory.CreateClientAsAsync("catalog_manager");
        var sku = "MET-" + Guid.NewGuid().ToString("N")[..8];
        var ndjson = $$"""
            {"name":"Metrics one","price":10,"sku":"{{sku}}"}
            {"name":"Bad price","price":-5,"sku":"{{sku}}-BAD"}
            """;
        var before = await ScrapeAsync();
        await (await manager.PostAsync("/api/v1/products/import", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"))).AssertStatusAsync(HttpStatusCode.OK);

        var after = await ScrapeAsync();
        Assert.True(Delta(before, after, "catalog_import_rows_total", "catalog_import_outcome=\"created\"") >= 1);
        Assert.True(Delta(before, after, "catalog_import_rows_total", "catalog_import_outcome=\"rejected\"") >= 1);
    }

    [Fact]
    public async Task AJobRun_IsCountedByJobAndOutcome()
    {
        var before = await ScrapeAsync();
        await _factory.Services.GetRequiredService<HangfireJobRunner>().RunAsync("token-cleanup", HangfireJobRunner.Manual, null, null, CancellationToken.None);

        var after = await ScrapeAsync();
        Assert.True(Delta(before, after, "catalog_job_runs_total", "catalog_job_name=\"token-cleanup\"", "catalog_job_outcome=\"succeeded\"") >= 1);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await SendAsync(HttpMethod.Get, "/metrics", "127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? peer)
    {
        using var request = new HttpRequestMessage(method, path);
        if (peer is not null)
        {
            request.Headers.Add(PeerAddressApiFactory.PeerHeader, peer);
        }

        return await _factory.CreateClient().SendAsync(request);
    }

    private static double Delta(string before, string after, string name, params string[] labels) =>
        Sum(after, name, labels) - Sum(before, name, labels);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    internal static double Sum(string text, string name, params string[] labels) => text
        .Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
        .Where(line => labels.All(label => line.Contains(label, StringComparison.Ordinal)))
        .Sum(SampleValue);

    // "name{labels} value [timestamp]": the value is the first field after the labels.
    private static double SampleValue(string line)
    {
        var rest = line[(line.LastIndexOf('}') is var end and >= 0 ? end + 1 : line.IndexOf(' ', StringComparison.Ordinal))..];
        return double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
