using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Catalog.Benchmarks.OpenLoop;

/// <summary>
/// Constant-arrival-rate load: request k is due at start + k / rate whatever happened before it, and its latency
/// is measured from that due time, so a stalled server cannot hide its queueing (no coordinated omission).
/// Requests go over a fixed pool of keep-alive connections (<c>--connections</c>, opened before the clock starts), as
/// wrk2 does: each connection has its own thread, which takes the next request number, sleeps until that request is
/// due and sends it; a request due while every connection is busy is sent by the first one to come free, and the wait
/// counts in its latency. Requests not yet sent 10 s after the run's end are counted as skipped, not measured.
/// <para>
/// Plain blocking sockets and pre-encoded requests, not HttpClient: on this 2-core machine HttpClient with one task per
/// request cost ~0.2 ms of CPU per request (as much as the API it measured), so at half the API's peak the machine was
/// three-quarters busy and the driver's own scheduling was in every tail. Prints one JSON object with the latency
/// percentiles in milliseconds and the driver's own CPU per request; <c>--trace FILE</c> also writes every request's
/// due time and latency.
/// </para>
/// </summary>
internal static class OpenLoopDriver
{
    private const int Skipped = int.MinValue;

    public static async Task<int> RunAsync(ToolArguments options)
    {
        var rate = options.Double("rate", 100);
        var duration = options.Double("duration", 10);
        var baseUri = new Uri(options.Required("base"));
        var connections = (int)options.Double("connections", 32);
        if (connections < 1 || rate <= 0)
        {
            throw new ArgumentException("--connections must be at least 1 and --rate positive");
        }

        var headers = new StringBuilder();
        headers.Append(CultureInfo.InvariantCulture, $"Host: {baseUri.Authority}\r\n");
        foreach (var header in options.All("header"))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            headers.Append(CultureInfo.InvariantCulture, $"{header[..colon].Trim()}: {header[(colon + 1)..].Trim()}\r\n");
        }

        var label = "o" + Guid.NewGuid().ToString("N")[..10];
        var targets = (await File.ReadAllLinesAsync(options.Required("targets-file")))
            .Where(l => l.Length > 0)
            .Select(l => new Request(JsonSerializer.Deserialize<Target>(l)!, headers.ToString(), label))
            .ToArray();
        var endpoint = new IPEndPoint((await Dns.GetHostAddressesAsync(baseUri.Host))[0], baseUri.Port);

        var total = (int)(rate * duration);
        var latencies = new double[total];
        var statuses = new int[total];
        var next = -1L;
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var startTicks = 0L;
        var ready = new Barrier(connections + 1);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        var workers = Enumerable.Range(0, connections).Select(index => new Thread(() =>
        {
            using var connection = new Connection(endpoint);
            // Open the connection and warm it with a read (a write would change the data) before the clock starts.
            var opener = targets.FirstOrDefault(t => t.Method == "GET");
            if (opener is not null)
            {
                connection.Send(opener, "open", out _);
            }

            ready.SignalAndWait();
            var start = Volatile.Read(ref startTicks);
            var deadline = start + (long)((duration + 10) * Stopwatch.Frequency);
            while (true)
            {
                var k = Interlocked.Increment(ref next);
                if (k >= total)
                {
                    return;
                }

                var due = start + (long)(k * ticksPerRequest);
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    statuses[k] = Skipped;
                    continue;
                }

                SleepUntil(due);
                var status = connection.Send(targets[k % targets.Length], $"{label}n{k}", out var failed);
                latencies[k] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                statuses[k] = failed ? -1 : status;
            }
        })
        { IsBackground = true, Name = $"open-loop-{index}" }).ToArray();

        foreach (var worker in workers)
        {
            worker.Start();
        }

        // Every connection is open: the clock starts now for all of them.
        Volatile.Write(ref startTicks, Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100));
        ready.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(startTicks).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var sent = statuses.Count(s => s != Skipped);
        var measured = latencies.Where((_, i) => statuses[i] != Skipped).Order().ToArray();
        var result = new
        {
            rate,
            duration,
            connections,
            sent,
            skipped = total - sent,
            achievedRps = sent / elapsed,
            statusCodes = statuses.Where(s => s != Skipped).GroupBy(s => s)
                .ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()),
            p50 = Percentile(measured, 0.50),
            p90 = Percentile(measured, 0.90),
            p95 = Percentile(measured, 0.95),
            p99 = Percentile(measured, 0.99),
            max = measured.Length == 0 ? 0 : measured[^1],
            driverCpuMsPerRequest = cpu / Math.Max(1, sent),
        };
        Console.WriteLine(JsonSerializer.Serialize(result));
        if (options.Optional("trace") is { } trace)
        {
            // One line per request sent: due time from the start and latency, both in ms, for finding when a tail happened.
            await File.WriteAllLinesAsync(trace, Enumerable.Range(0, total).Where(i => statuses[i] != Skipped).Select(i =>
                string.Create(CultureInfo.InvariantCulture, $"{i * 1000.0 / rate:F3}\t{latencies[i]:F3}\t{statuses[i]}")));
        }

        return 0;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    /// <summary>nanosleep to the due time: Thread.Sleep rounds to whole milliseconds, and spinning would take a core.</summary>
    private static void SleepUntil(long dueTicks)
    {
        while (true)
        {
            var remaining = dueTicks - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var nanoseconds = remaining * 1_000_000_000L / Stopwatch.Frequency;
            var request = new NativeMethods.Timespec { Seconds = nanoseconds / 1_000_000_000L, Nanoseconds = nanoseconds % 1_000_000_000L };
            _ = NativeMethods.Nanosleep(ref request, IntPtr.Zero);
        }
    }

    private sealed record Target(string M, string U, string? B);

    /// <summary>A target's request, encoded once; a target with {n} is encoded per request.</summary>
    private sealed class Request
    {
        private readonly byte[]? _encoded;
        private readonly string _head;
        private readonly string _path;
        private readonly string? _body;

        public Request(Target target, string headers, string label)
        {
            Method = target.M;
            _path = target.U;
            _body = string.IsNullOrEmpty(target.B) ? null : target.B;
            _head = headers + (_body is null && target.M is "GET" or "HEAD" or "DELETE" ? string.Empty : "Content-Type: application/json\r\n");
            if (!_path.Contains("{n}", StringComparison.Ordinal) && _body?.Contains("{n}", StringComparison.Ordinal) != true)
            {
                _encoded = Encode(label);
            }
        }

        public string Method { get; }

        public byte[] Bytes(string counter) => _encoded ?? Encode(counter);

        private byte[] Encode(string counter)
        {
            var body = _body?.Replace("{n}", counter, StringComparison.Ordinal);
            var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
            var length = body is null && Method is "GET" or "HEAD" or "DELETE" ? string.Empty : $"Content-Length: {bodyBytes.Length}\r\n";
            var head = Encoding.UTF8.GetBytes($"{Method} {_path.Replace("{n}", counter, StringComparison.Ordinal)} HTTP/1.1\r\n{_head}{length}\r\n");
            return [.. head, .. bodyBytes];
        }
    }

    /// <summary>One keep-alive connection, reopened after an error or a server's close.</summary>
    private sealed class Connection(IPEndPoint endpoint) : IDisposable
    {
        private Socket? _socket;
        private HttpResponseReader? _reader;

        public int Send(Request request, string counter, out bool failed)
        {
            failed = false;
            try
            {
                if (_socket is null)
                {
                    _socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 30_000, SendTimeout = 30_000 };
                    _socket.Connect(endpoint);
                    _reader = new HttpResponseReader(_socket);
                }

                _socket.Send(request.Bytes(counter));
                var status = _reader!.Read(request.Method == "HEAD", out var keepAlive);
                if (!keepAlive)
                {
                    Close();
                }

                return status;
            }
            catch (Exception e) when (e is SocketException or IOException or FormatException or OverflowException)
            {
                Close();
                failed = true;
                return 0;
            }
        }

        public void Dispose() => Close();

        private void Close()
        {
            _socket?.Dispose();
            _socket = null;
            _reader = null;
        }
    }

    private static class NativeMethods
    {
        [StructLayout(LayoutKind.Sequential)]
        public struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
        public static extern int Nanosleep(ref Timespec request, IntPtr remaining);
    }
}
