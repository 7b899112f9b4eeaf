using Catalog.Application.Common.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// One request's recorder: takes the primary's position after a commit and makes it this instance's newest. A failure is
/// logged, not thrown: the write has committed and its answer must say so; the request's end tries once more.
/// </summary>
internal sealed class WritePositionRecorder(IWritePositionChannel channel, WritePositions positions, ILogger<WritePositionRecorder> logger)
    : IWritePositionRecorder
{
    public bool HasRecorded { get; private set; }

    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        HasRecorded = false;
        try
        {
            positions.Observe(WritePositions.Reachable(await channel.CaptureAndShareAsync(cancellationToken)));
            HasRecorded = true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Could not record the position of a write; a replica read right after it may not see it");
        }
    }
}
