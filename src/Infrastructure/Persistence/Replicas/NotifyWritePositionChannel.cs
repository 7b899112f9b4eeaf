using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// Takes the position and announces it on <see cref="Channel"/> in one statement, one round trip. The notification's
/// own commit is asynchronous (<c>synchronous_commit</c> off for that transaction only): losing it in a crash loses
/// nothing, and the write it follows has waited for its own flush already. A notification may reach another instance
/// after the write has answered, so a write waits for the replica to replay it, or for every <see cref="PositionLease"/>
/// to run out, and an instance reads from the replica only while its lease is held (ADR-113).
/// </summary>
internal sealed class NotifyWritePositionChannel(NpgsqlDataSource primary, WritePositions positions, PositionLease lease) : IWritePositionChannel
{
    public const string Channel = "catalog_write_position";

    private const string Sql = """
        SELECT p.lsn
        FROM set_config('synchronous_commit', 'off', true) AS s,
             LATERAL (SELECT pg_current_wal_insert_lsn() AS lsn) AS p,
             LATERAL pg_notify('catalog_write_position', p.lsn::text) AS n
        """;

    public string? Unavailable => lease.IsHeld
        ? null
        : "the write-position listener has not confirmed its connection to the primary recently: the newest write position cannot be known, so reads go to the primary";

    public PositionLease? WritesOutwait => lease;

    /// <summary>
    /// What this instance's own writes and its listener have seen, while the lease is held: every write that answered
    /// before now either was replayed by the replica already or announced its position before this lease's round trip.
    /// </summary>
    public ValueTask<ulong?> NewestAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<ulong?>(lease.IsHeld ? positions.Newest : null);

    public async Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken)
    {
        await using var command = primary.CreateCommand(Sql);
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
