using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Catalog.Infrastructure.Database;
using Catalog.Infrastructure.Persistence.Replicas;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace Catalog.Benchmarks.Propagation;

/// <summary>
/// How long after one instance's write position is announced (the moment its answer could leave) another instance knows
/// it (ADR-100, ADR-107), through each mechanism, with the API's own channel classes: LISTEN/NOTIFY on the primary, Redis
/// pub/sub (for comparison) and the Redis key (read at a read's start: known at once, at the cost of a round trip). Two
/// connections in one process stand for the two instances; the clock is the machine's monotonic one. Prints one JSON line.
/// </summary>
internal static class PropagationCommand
{
    public static async Task<int> RunAsync(ToolArguments arguments)
    {
        var rounds = arguments.Int("rounds", 1000);
        var result = new Dictionary<string, object>(StringComparer.Ordinal) { ["rounds"] = rounds };
        await using var primary = NpgsqlDataSource.Create(arguments.Required("connection"));
        result["notify"] = await NotifyAsync(primary, rounds);
        if (arguments.Optional("redis") is { } redis)
        {
            await using var a = await ConnectionMultiplexer.ConnectAsync(redis);
            await using var b = await ConnectionMultiplexer.ConnectAsync(redis);
            result["redisPubSub"] = await PubSubAsync(a, b, rounds);
            result["redisKey"] = await KeyAsync(primary, a, b, rounds);
        }

        Console.WriteLine("PROPAGATIONJSON " + JsonSerializer.Serialize(result));
        return 0;
    }

    // From the return of the announcing statement (its commit) to the listener's notification.
    private static async Task<object> NotifyAsync(NpgsqlDataSource primary, int rounds)
    {
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var listener = await primary.OpenConnectionAsync();
        listener.Notification += (_, e) => received[e.Payload] = Stopwatch.GetTimestamp();
        await using (var listen = new NpgsqlCommand("LISTEN " + NotifyWritePositionChannel.Channel, listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var stop = new CancellationTokenSource();
        var waiting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    await listener.WaitAsync(stop.Token);
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
        });
        var channel = new NotifyWritePositionChannel(primary, new WritePositions(), new PositionLease(Options.Create(new DatabaseOptions())));
        var windows = new List<double>(rounds);
        var costs = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var payload = new NpgsqlLogSequenceNumber(await channel.CaptureAndShareAsync(CancellationToken.None)).ToString();
            var answered = Stopwatch.GetTimestamp();
            costs.Add(Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds);
            long at;
            while (!received.TryGetValue(payload, out at))
            {
                await Task.Yield();
            }

            windows.Add((at - answered) * 1000.0 / Stopwatch.Frequency);
        }

        await stop.CancelAsync();
        await waiting;
        return new { window = Window(windows), announceCost = Summary(costs) };
    }

    // From PUBLISH's reply to the subscriber's handler: what a pub/sub variant of the channel would leave open.
    private static async Task<object> PubSubAsync(ConnectionMultiplexer a, ConnectionMultiplexer b, int rounds)
    {
        var received = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var channel = RedisChannel.Literal("catalog:propagation-bench");
        await b.GetSubscriber().SubscribeAsync(channel, (_, message) => received[message!] = Stopwatch.GetTimestamp());
        var windows = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var payload = i.ToString(CultureInfo.InvariantCulture);
            await a.GetSubscriber().PublishAsync(channel, payload);
            var answered = Stopwatch.GetTimestamp();
            long at;
            while (!received.TryGetValue(payload, out at))
            {
                await Task.Yield();
            }

            windows.Add((at - answered) * 1000.0 / Stopwatch.Frequency);
        }

        await b.GetSubscriber().UnsubscribeAsync(channel);
        return new { window = Window(windows) };
    }

    // The key: the writer's raise and the reader's look-up, timed; the reader must find each write (no window).
    private static async Task<object> KeyAsync(NpgsqlDataSource primary, ConnectionMultiplexer a, ConnectionMultiplexer b, int rounds)
    {
        var writer = new RedisWritePositionChannel(Task.FromResult<IConnectionMultiplexer>(a), primary, new WritePositions(), NullLogger<RedisWritePositionChannel>.Instance);
        var reader = new RedisWritePositionChannel(Task.FromResult<IConnectionMultiplexer>(b), primary, new WritePositions(), NullLogger<RedisWritePositionChannel>.Instance);
        await reader.NewestAsync(CancellationToken.None);
        var writes = new List<double>(rounds);
        var reads = new List<double>(rounds);
        var missed = 0;
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var position = await writer.CaptureAndShareAsync(CancellationToken.None);
            var answered = Stopwatch.GetTimestamp();
            var newest = await reader.NewestAsync(CancellationToken.None);
            writes.Add(Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds);
            reads.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
            missed += newest >= position ? 0 : 1;
        }

        return new { announceCost = Summary(writes), readCost = Summary(reads), missed };
    }

    private static object Summary(List<double> values)
    {
        values.Sort();
        double At(double q) => Math.Round(values[Math.Min(values.Count - 1, (int)(q * values.Count))], 3);
        return new { p50 = At(0.5), p95 = At(0.95), p99 = At(0.99), max = Math.Round(values[^1], 3) };
    }

    // Milliseconds from the writer's answer to the other side knowing; negative when it knew before; and how often later.
    private static object Window(List<double> values) =>
        new { ms = Summary(values), laterThanTheAnswer = Math.Round(values.Count(v => v > 0) / (double)values.Count, 3) };
}
