using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>One instance: the position stays in this process.</summary>
internal sealed class LocalWritePositionChannel(NpgsqlDataSource primary) : IWritePositionChannel
{
    public async Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken)
    {
        await using var command = primary.CreateCommand("SELECT pg_current_wal_insert_lsn()");
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
