using System.Collections.Concurrent;
using Catalog.Application.Common.Auditing;
using Microsoft.Extensions.Options;

namespace Catalog.WebApi.Auditing;

/// <summary>
/// Bounds the audit rows that refused credentials (401) can cause: per client address at most
/// <see cref="AuditOptions.UnauthenticatedRowsPerAddressPerMinute"/> rows a minute. Later 401s of that minute are
/// counted instead of written, and the count travels on the address's next row as <c>metadata.suppressed</c> (docs/audit.md).
/// At most <see cref="MaxAddresses"/> addresses are tracked; past that, new addresses share one counter.
/// </summary>
public sealed class UnauthenticatedAuditThrottle(IOptions<AuditOptions> options, TimeProvider time)
{
    internal const int MaxAddresses = 10_000;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly object Overflow = new();
    private readonly ConcurrentDictionary<object, Counter> _counters = new();

    /// <summary>
    /// True when a row for this 401 may be written; <paramref name="suppressed"/> is then the number of earlier 401s of
    /// the address that were counted instead. <paramref name="startedSuppressing"/> is true for the first one held back in a window.
    /// </summary>
    public bool TryAdmit(object address, out int suppressed, out bool startedSuppressing)
    {
        suppressed = 0;
        startedSuppressing = false;
        var limit = options.Value.UnauthenticatedRowsPerAddressPerMinute;
        if (limit <= 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var counter = CounterFor(address, now);
        lock (counter)
        {
            if (now - counter.WindowStart >= Window)
            {
                counter.WindowStart = now;
                counter.Written = 0;
                counter.SuppressingThisWindow = false;
            }

            if (counter.Written < limit)
            {
                counter.Written++;
                suppressed = counter.Suppressed;
                counter.Suppressed = 0;
                return true;
            }

            startedSuppressing = !counter.SuppressingThisWindow;
            counter.SuppressingThisWindow = true;
            counter.Suppressed++;
            return false;
        }
    }

    private Counter CounterFor(object address, DateTimeOffset now)
    {
        if (_counters.TryGetValue(address, out var counter))
        {
            return counter;
        }

        if (_counters.Count >= MaxAddresses)
        {
            // Forget the addresses whose minute is over and that hold no count.
            foreach (var (key, stale) in _counters)
            {
                lock (stale)
                {
                    if (now - stale.WindowStart >= Window && stale.Suppressed == 0)
                    {
                        _counters.TryRemove(key, out _);
                    }
                }
            }
        }

        return _counters.GetOrAdd(_counters.Count >= MaxAddresses ? Overflow : address, static _ => new Counter());
    }

    private sealed class Counter
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Written { get; set; }

        public int Suppressed { get; set; }

        public bool SuppressingThisWindow { get; set; }
    }
}
