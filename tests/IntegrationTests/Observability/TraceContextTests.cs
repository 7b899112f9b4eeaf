using System.Diagnostics;
using System.Net;
using Catalog.Application.Common.Observability;
using Catalog.Infrastructure.Jobs;
using Catalog.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.IntegrationTests.Observability;

/// <summary>
/// W3C trace context: the trace a caller starts (its <c>traceparent</c>) is the one the problem body, the log lines
/// and the audit entry of the request name; the request's spans (handler, SQL, output cache) and a job run's belong
/// to their trace.
/// </summary>
public sealed class TraceContextTests(ObservabilityApiFactory factory) : IClassFixture<ObservabilityApiFactory>
{
    [Fact]
    public async Task IncomingTraceparent_IsTheTraceIdOfTheProblemBodyTheLogLinesAndTheAuditEntry()
    {
        var user = await factory.CreateUserAsync();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent(new { email = user.Email, password = "not the password" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var problem = await (await factory.CreateClient().SendAsync(request)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(traceId, problem.GetProperty("traceId").GetString());
        var lines = factory.LogLines().Where(l => l.TryGetProperty("traceId", out var id) && id.GetString() == traceId).ToList();
        Assert.Contains(lines, l => l.GetProperty("message").GetString()!.Contains("LoginCommand", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(16, l.GetProperty("spanId").GetString()!.Length));
        Assert.Equal(1L, await factory.ScalarAsync<long>(
            "SELECT count(*) FROM audit_logs WHERE action = 'auth.login_failed' AND user_id = @Id AND metadata->>'traceId' = @traceId",
            new { user.Id, traceId }));
    }

    [Fact]
    public async Task ARequest_HasSpansForItsHandlerEachStatementAndTheOutputCache()
    {
        var first = await TraceAsync(client => client.GetAsync("/api/v1/brands?limit=7"));
        var handler = Assert.Single(first, a => a.OperationName == "ListBrandsQuery");
        Assert.Equal("ok", handler.GetTagItem("catalog.request.outcome"));
        Assert.Equal("query", handler.GetTagItem("catalog.request.kind"));
        Assert.Contains(first, a => a.Source.Name == "Npgsql" && a.ParentSpanId == handler.SpanId);
        Assert.Contains(first, a => a.OperationName == "output_cache get" && (string?)a.GetTagItem("catalog.output_cache.result") == "miss");
        Assert.Contains(first, a => a.OperationName == "output_cache set");

        var second = await TraceAsync(client => client.GetAsync("/api/v1/brands?limit=7"));
        Assert.Contains(second, a => a.OperationName == "output_cache get" && (string?)a.GetTagItem("catalog.output_cache.result") == "hit");
        Assert.DoesNotContain(second, a => a.OperationName == "ListBrandsQuery");
    }

    [Fact]
    public async Task AJobRun_IsASpanWithItsOutcome_AndItsStatementsUnderIt()
    {
        var runs = new List<Activity>();
        var traces = new HashSet<ActivityTraceId>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CatalogTelemetry.Name or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Name == "job token-cleanup" || Known(traces, options.Parent.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                if (activity.OperationName == "job token-cleanup")
                {
                    lock (traces)
                    {
                        traces.Add(activity.TraceId);
                    }
                }
            },
            ActivityStopped = activity =>
            {
                lock (runs)
                {
                    runs.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await factory.Services.GetRequiredService<HangfireJobRunner>().RunAsync("token-cleanup", HangfireJobRunner.Manual, null, null, CancellationToken.None);

        Activity[] stopped;
        lock (runs)
        {
            stopped = [.. runs];
        }

        var run = Assert.Single(stopped, a => a.OperationName == "job token-cleanup");
        Assert.Equal("succeeded", run.GetTagItem("catalog.job.outcome"));
        Assert.Contains(stopped, a => a.Source.Name == "Npgsql" && a.TraceId == run.TraceId);
    }

    private static bool Known(HashSet<ActivityTraceId> traces, ActivityTraceId traceId)
    {
        lock (traces)
        {
            return traces.Contains(traceId);
        }
    }

    /// <summary>Sends a request in a trace of its own and returns the spans recorded for it once the answer is read.</summary>
    private async Task<List<Activity>> TraceAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is CatalogTelemetry.Name or "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == traceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await send(client)).EnsureSuccessStatusCode();
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
