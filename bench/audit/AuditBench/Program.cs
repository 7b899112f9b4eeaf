using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

// Product-creation throughput against a running API: N concurrent clients, each POSTing products with unique names and SKUs.
// Usage: AuditBench <baseUrl> <userId> <securityStamp> <signingKey> [clients=8] [seconds=20] [warmupSeconds=5]
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: AuditBench <baseUrl> <userId> <securityStamp> <signingKey> [clients] [seconds] [warmupSeconds]");
    return 2;
}

var baseUrl = new Uri(args[0]);
var token = Jwt.Mint(Guid.Parse(args[1]), args[2], args[3]);
var clients = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 8;
var seconds = args.Length > 5 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : 20;
var warmup = args.Length > 6 ? int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : 5;

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

internal static class Jwt
{
    // The same shape AccessTokenIssuer issues: HS256, typ at+jwt, iss catalog, aud catalog-api.
    public static string Mint(Guid userId, string stamp, string signingKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new Dictionary<string, object> { ["alg"] = "HS256", ["kid"] = "catalog-hs256", ["typ"] = "at+jwt" };
        var payload = new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(), ["sid"] = Guid.NewGuid().ToString(), ["jti"] = Guid.NewGuid().ToString("N"),
            ["stamp"] = stamp, ["role"] = "admin", ["iss"] = "catalog", ["aud"] = "catalog-api",
            ["iat"] = now, ["nbf"] = now, ["exp"] = now + 3600,
        };
        var unsigned = Base64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
