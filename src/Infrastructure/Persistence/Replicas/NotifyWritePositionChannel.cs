using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// Takes the position and announces it on <see cref="Channel"/> in one statement, one round trip. The notification's
/// own commit is asynchronous (<c>synchronous_commit</c> off for that transaction only): losing it in a crash loses
/// nothing, and the write it follows has waited for its own flush already.
/// </summary>
internal sealed class NotifyWritePositionChannel(NpgsqlDataSource primary, WritePositions positions) : IWritePositionChannel
{
    public const string Channel = "catalog_write_position";

    private const string Sql = """
        SELECT p.lsn
        FROM set_config('synchronous_commit', 'off', true) AS s,
             LATERAL (SELECT pg_current_wal_insert_lsn() AS lsn) AS p,
             LATERAL pg_notify('catalog_write_position', p.lsn::text) AS n
        """;

    public string? Unavailable => null;

    /// <summary>What this instance's own writes and its listener have seen: the notification of a write answered just now may still be on its way.</summary>
    public ValueTask<ulong?> NewestAsync(CancellationToken cancellationToken) => ValueTask.FromResult<ulong?>(positions.Newest);

    public async Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken)
    {
        await using var command = primary.CreateCommand(Sql);
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
