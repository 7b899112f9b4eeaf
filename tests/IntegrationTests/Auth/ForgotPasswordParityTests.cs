using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Auth;

/// <summary>
/// Forgot-password does the same work whether or not the email has an account (ADR-078): the same SQL statements in the
/// same order, one audit entry, the same answer. Before, an unknown email returned after one SELECT, while a known one
/// counted its tokens, stored a token, queued a mail and audited it — a difference a stopwatch could see.
/// The statements are taken from Npgsql's own tracing (ActivitySource "Npgsql"), per request by its trace id.
/// </summary>
public sealed class ForgotPasswordParityTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    [Fact]
    public async Task KnownUnknownInactiveAndThrottledEmails_RunTheSameStatements_AndGetTheSameAnswer()
    {
        var client = factory.CreateClient();
        var known = await factory.CreateUserAsync();
        var inactive = await factory.CreateUserAsync();
        await factory.ExecuteAsync("UPDATE users SET is_active = false WHERE id = @Id", new { inactive.Id });
        var throttled = await factory.CreateUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(throttled.Email);
        }

        await SendAsync($"nobody-{Guid.NewGuid():N}@example.com"); // warm-up: first-use costs (JIT, prepared plans) out of the comparison
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal)
        {
            ["known"] = await SendAsync(known.Email),
            ["unknown"] = await SendAsync($"nobody-{Guid.NewGuid():N}@example.com"),
            ["inactive"] = await SendAsync(inactive.Email),
            ["throttled"] = await SendAsync(throttled.Email),
        };

        var reference = answers["known"];
        Assert.NotEmpty(reference.Statements);
        Assert.Contains(reference.Statements, s => s.Contains("INSERT INTO user_tokens", StringComparison.Ordinal));
        Assert.Contains(reference.Statements, s => s.Contains("INSERT INTO email_outbox", StringComparison.Ordinal));
        foreach (var (name, answer) in answers)
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.Status);
            Assert.True(reference.Statements.SequenceEqual(answer.Statements),
                $"{name} ran other statements than a known email:\n{string.Join("\n", answer.Statements)}\n--- known:\n{string.Join("\n", reference.Statements)}");
            Assert.Equal(reference.Body, answer.Body);
            Assert.Equal(reference.Headers, answer.Headers);
        }

        // Only the known, active, unthrottled account got a token and a mail; every request left one audit entry.
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = @Email", new { known.Email }));
        Assert.Equal(0L, await factory.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = @Email", new { inactive.Email }));
        Assert.Equal(3L, await factory.ScalarAsync<long>("SELECT count(*) FROM email_outbox WHERE recipient = @Email", new { throttled.Email }));
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT count(*) FROM user_tokens WHERE user_id = @Id", new { known.Id }));
        Assert.Equal(4L, await factory.ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE action = 'auth.password_reset_requested' AND resource_id = @Id", new { throttled.Id }));
        Assert.Equal(1L, await factory.ScalarAsync<long>("SELECT count(*) FROM audit_logs WHERE action = 'auth.password_reset_requested' AND resource_id = @Id", new { inactive.Id }));

        async Task<Answer> SendAsync(string email)
        {
            var traceId = ActivityTraceId.CreateRandom();
            var statements = new ConcurrentQueue<string>();
            using var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                    options.Parent.TraceId == traceId ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId == traceId)
                    {
                        statements.Enqueue(Statement(activity));
                    }
                },
            };
            ActivitySource.AddActivityListener(listener);

            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/forgot-password")
            {
                Content = new StringContent($$"""{"email":"{{email}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers)
                .Where(h => !PerRequestHeaders.Contains(h.Key))
                .OrderBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            return new Answer(response.StatusCode, WithoutIds(body), headers, [.. statements]);
        }
    }

    // Differ from one request to the next whatever the email: the clock, the request id, the remaining rate budget.
    private static readonly HashSet<string> PerRequestHeaders = new(StringComparer.OrdinalIgnoreCase) { "Date", "X-Request-ID", "X-RateLimit-Remaining", "traceparent" };

    private static string Statement(Activity activity) =>
        (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement") ?? activity.DisplayName)?.ToString() ?? string.Empty;

    private static string WithoutIds(string body)
    {
        if (body.Length == 0)
        {
            return body;
        }

        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        node.Remove("requestId");
        return node.ToJsonString();
    }

    private sealed record Answer(HttpStatusCode Status, string Body, string Headers, string[] Statements);
}
