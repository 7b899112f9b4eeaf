using System.Diagnostics;
using Catalog.Application.Common.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// One request's recorder: takes the primary's position after a commit and makes it this instance's newest; in NOTIFY
/// mode it then waits for the replica to replay it, or for the position leases to run out (ADR-113), so that the answer
/// leaves only once a read on any instance will reflect the write. A failure is logged, not thrown: the write has
/// committed and its answer must say so; the request's end tries once more.
/// </summary>
internal sealed class WritePositionRecorder(IWritePositionChannel channel, WritePositions positions, ReplicaReadRouter router, ILogger<WritePositionRecorder> logger)
    : IWritePositionRecorder
{
    public bool HasRecorded { get; private set; }

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        HasRecorded = false;
        try
        {
            var position = WritePositions.Reachable(await channel.CaptureAndShareAsync(cancellationToken));
            var announcedAt = Stopwatch.GetTimestamp();
            positions.Observe(position);
            HasRecorded = true;
            if (channel.WritesOutwait is { } lease)
            {
                await router.AwaitReplayAsync(position, announcedAt, lease, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Could not record the position of a write; a replica read right after it may not see it");
        }
    }
}
