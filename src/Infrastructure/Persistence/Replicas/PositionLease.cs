using System.Diagnostics;
using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Options;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// How long this instance may trust what its <see cref="WritePositionListener"/> has heard (NOTIFY mode, ADR-113). The
/// listener renews it with each round trip on its connection: PostgreSQL sends a listener every notification committed
/// before a statement of that connection began ahead of the statement's ReadyForQuery, so once the round trip is back,
/// every position announced before it was sent has been processed. A lease runs <see cref="Length"/> from the moment its
/// round trip was sent; a write that could not see the replica replay it waits that long after its announcement before
/// it answers, so by then every instance either knows its position or holds no lease and reads from the primary.
/// </summary>
public sealed class PositionLease
{
    /// <summary>The shortest lease, whatever <see cref="DatabaseOptions.ReplicaMaxWaitMs"/> says (0 = reads never wait).</summary>
    public const int MinimumMs = 50;

    private long _heldUntil = long.MinValue;

    public PositionLease(IOptions<DatabaseOptions> options)
    {
        Length = TimeSpan.FromMilliseconds(Math.Max(options.Value.ReplicaMaxWaitMs, MinimumMs));
    }

    /// <summary><see cref="DatabaseOptions.ReplicaMaxWaitMs"/>, at least <see cref="MinimumMs"/>.</summary>
    public TimeSpan Length { get; }

    /// <summary>Whether the listener has confirmed, within <see cref="Length"/>, that it has processed every announced position.</summary>
    public bool IsHeld => Stopwatch.GetTimestamp() < Volatile.Read(ref _heldUntil);

    /// <summary>After a round trip on the listening connection that was sent at <paramref name="sentAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Renew(long sentAt) => WritePositions.RaiseTo(ref _heldUntil, sentAt + (long)(Length.TotalSeconds * Stopwatch.Frequency));

    /// <summary>
    /// When a write announced at <paramref name="announcedAt"/> may answer without having seen the replica replay it: every
    /// lease renewed by a round trip sent before the announcement has run out. 1 % and 1 ms more, for the clocks of
    /// different machines running at slightly different rates.
    /// </summary>
    public long OutlivedAt(long announcedAt) =>
        announcedAt + (long)((Length.TotalSeconds * 1.01 + 0.001) * Stopwatch.Frequency);
}
