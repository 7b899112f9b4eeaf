namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// The newest write position (a PostgreSQL LSN) this instance knows of: its own writes' and, through
/// <see cref="IWritePositionChannel"/>, the other instances'. It only moves forward.
/// </summary>
public sealed class WritePositions
{
    private long _newest;

    public ulong Newest => (ulong)Volatile.Read(ref _newest);

    public void Observe(ulong position) => RaiseTo(ref _newest, (long)position);

    /// <summary>Sets <paramref name="field"/> to <paramref name="candidate"/> if that is greater, atomically.</summary>
    internal static void RaiseTo(ref long field, long candidate)
    {
        var current = Volatile.Read(ref field);
        while (candidate > current)
        {
            var seen = Interlocked.CompareExchange(ref field, candidate, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>
    /// <c>pg_current_wal_insert_lsn()</c> as a position a replica can reach. Just after a page boundary it points past the
    /// next page's header (24 bytes, 40 at a segment's start), where a replica that replayed the last record ends exactly
    /// at the boundary would never arrive while the primary is idle. No record can end within those first 40 bytes
    /// other than one that crosses the boundary, so waiting for the boundary itself is enough.
    /// </summary>
    public static ulong Reachable(ulong insertPosition)
    {
        const ulong PageSize = 8192;
        const ulong LongHeader = 40;
        var offset = insertPosition % PageSize;
        return offset is > 0 and <= LongHeader ? insertPosition - offset : insertPosition;
    }
}
