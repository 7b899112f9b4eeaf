using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Product-creation throughput against a running API: N concurrent clients, each POSTing products with unique names and SKUs.
// Signs in as the given admin through POST /api/v1/auth/login, so the token is a real one with a live session.
// Usage: AuditBench <baseUrl> <email> <password> [clients=8] [seconds=20] [warmupSeconds=5]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: AuditBench <baseUrl> <email> <password> [clients] [seconds] [warmupSeconds]");
    return 2;
}

var baseUrl = new Uri(args[0]);
var token = await SignInAsync(baseUrl, args[1], args[2]);
var clients = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 8;
var seconds = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 20;
var warmup = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 5;

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = baseUrl };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

var run = Guid.NewGuid().ToString("N")[..8];
var counter = 0L;

await RunAsync(TimeSpan.FromSeconds(warmup), measure: false);
var (ok, failed, latencies, elapsed) = await RunAsync(TimeSpan.FromSeconds(seconds), measure: true);
latencies.Sort();
double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
Console.WriteLine(JsonSerializer.Serialize(new
{
    clients,
    seconds = Math.Round(elapsed.TotalSeconds, 2),
    created = ok,
    failed,
    requestsPerSecond = Math.Round(ok / elapsed.TotalSeconds, 1),
    p50Ms = Math.Round(Percentile(0.50), 2),
    p95Ms = Math.Round(Percentile(0.95), 2),
    p99Ms = Math.Round(Percentile(0.99), 2),
}));
return failed == 0 ? 0 : 1;

async Task<(long Ok, long Failed, List<double> Latencies, TimeSpan Elapsed)> RunAsync(TimeSpan duration, bool measure)
{
    long okCount = 0, failedCount = 0;
    var all = new List<double>();
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, clients).Select(async _ =>
    {
        var mine = new List<double>();
        while (clock.Elapsed < duration)
        {
            var n = Interlocked.Increment(ref counter);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/api/v1/products", new { name = $"Bench product {run} {n}", sku = $"BENCH-{run}-{n}", price = 19.99m, stockQuantity = 10, description = "Benchmark product", tags = new[] { "bench" } });
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref okCount);
                mine.Add(ms);
            }
            else
            {
                Interlocked.Increment(ref failedCount);
                if (failedCount < 3)
                {
                    Console.Error.WriteLine($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        return mine;
    }).ToList();
    foreach (var list in await Task.WhenAll(workers))
    {
        all.AddRange(list);
    }

    return measure ? (okCount, failedCount, all, clock.Elapsed) : (0, failedCount, all, clock.Elapsed);
}

static async Task<string> SignInAsync(Uri baseUrl, string email, string password)
{
    using var client = new HttpClient { BaseAddress = baseUrl };
    using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
    response.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return body.RootElement.GetProperty("accessToken").GetString()!;
}
