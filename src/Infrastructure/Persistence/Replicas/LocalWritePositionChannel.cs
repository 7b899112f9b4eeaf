using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>One instance: the position stays in this process.</summary>
internal sealed class LocalWritePositionChannel(NpgsqlDataSource primary, WritePositions positions) : IWritePositionChannel
{
    public PositionLease? WritesOutwait => null;

    public string? Unavailable => null;

    public async Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken) => await CaptureAsync(primary, cancellationToken);

    public ValueTask<ulong?> NewestAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ulong?>(positions.Newest);

    /// <summary><c>pg_current_wal_insert_lsn()</c> on the primary.</summary>
    public static async Task<ulong> CaptureAsync(NpgsqlDataSource primary, CancellationToken cancellationToken)
    {
        await using var command = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
