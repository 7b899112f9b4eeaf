using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Catalog.Benchmarks.OpenLoop;

/// <summary>
/// Constant-arrival-rate load: request k is due at start + k / rate whatever happened before it, and its latency
/// is measured from that due time, so a stalled server cannot hide its queueing (no coordinated omission).
/// Requests go over a fixed pool of keep-alive connections (<c>--connections</c>, opened before the clock starts), as
/// wrk2 does: a request due while every connection is busy waits for one, and that wait counts in its latency.
/// (An unbounded pool opened a new connection whenever the server fell behind for a moment; at ~3,000 requests per
/// second on 2 cores it reached 512 connections within a second, and their set-up and scheduling, not the API, made the
/// p90 of ~500 ms.) Prints one JSON object with the latency percentiles in milliseconds.
/// </summary>
internal static class OpenLoopDriver
{
    private const int MaxInFlight = 2_000;

    public static async Task<int> RunAsync(ToolArguments options)
    {
        var rate = options.Double("rate", 100);
        var duration = options.Double("duration", 10);
        var baseUri = new Uri(options.Required("base"));
        var targets = (await File.ReadAllLinesAsync(options.Required("targets-file")))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<Target>(l)!)
            .ToArray();
        var connections = (int)options.Double("connections", 32);
        if (connections < 1)
        {
            throw new ArgumentException("--connections must be at least 1");
        }

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        foreach (var header in options.All("header"))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            client.DefaultRequestHeaders.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        // Open the pool: as many concurrent requests as connections (reads only: a write would change the data).
        var opener = targets.FirstOrDefault(t => t.M == "GET");
        if (opener is not null)
        {
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
            {
                using var response = await client.GetAsync(opener.U.Replace("{n}", "open", StringComparison.Ordinal));
            }));
        }

        var label = "o" + Guid.NewGuid().ToString("N")[..10];
        var total = (int)(rate * duration);
        var latencies = new double[total];
        var statuses = new ConcurrentDictionary<int, int>();
        var inFlight = 0;
        var skipped = 0;
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < total; k++)
        {
            var due = k / rate;
            // Sleep rather than spin: on a 2-core machine a spinning dispatcher takes a whole core from the API and the
            // database it measures. A request dispatched up to ~1 ms late still counts its latency from its due time.
            while (clock.Elapsed.TotalSeconds < due)
            {
                Thread.Sleep(1);
            }

            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                latencies[k] = double.NaN;
                skipped++;
                continue;
            }

            Interlocked.Increment(ref inFlight);
            var index = k;
            var target = targets[k % targets.Length];
            tasks.Add(Task.Run(async () =>
            {
                var status = 0;
                try
                {
                    using var request = new HttpRequestMessage(new HttpMethod(target.M), target.U.Replace("{n}", $"{label}n{index}", StringComparison.Ordinal));
                    if (target.B is { } body)
                    {
                        request.Content = new StringContent(body.Replace("{n}", $"{label}n{index}", StringComparison.Ordinal), Encoding.UTF8);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }

                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = -1;
                }
                catch (TaskCanceledException)
                {
                    status = -2;
                }

                latencies[index] = (clock.Elapsed.TotalSeconds - due) * 1000;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Interlocked.Decrement(ref inFlight);
            }));
        }

        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        var measured = latencies.Where(l => !double.IsNaN(l)).Order().ToArray();
        var result = new
        {
            rate,
            duration,
            connections,
            sent = tasks.Count,
            skipped,
            achievedRps = tasks.Count / elapsed,
            statusCodes = statuses.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value),
            p50 = Percentile(measured, 0.50),
            p90 = Percentile(measured, 0.90),
            p99 = Percentile(measured, 0.99),
            max = measured.Length == 0 ? 0 : measured[^1],
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private sealed record Target(string M, string U, string? B);
}
