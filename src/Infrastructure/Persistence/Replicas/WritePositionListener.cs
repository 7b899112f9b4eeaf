using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// Holds one connection to the primary with <c>LISTEN catalog_write_position</c> and makes each announced position this
/// instance's newest. Notifications sent while no one listened are lost: on each (re)connect the primary's current
/// position is taken as the newest, which covers every write committed before.
/// </summary>
internal sealed class WritePositionListener(CatalogConnectionStrings connectionStrings, WritePositions positions, ILogger<WritePositionListener> logger)
    : PostgresChannelListener(connectionStrings, logger)
{
    protected override IReadOnlyList<string> Channels { get; } = [NotifyWritePositionChannel.Channel];

    protected override string ApplicationName => "catalog-position-listener";

    protected override async Task OnListeningAsync(NpgsqlConnection connection, bool reconnected, CancellationToken cancellationToken)
    {
        await using var current = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
        positions.Observe(WritePositions.Reachable((ulong)(NpgsqlLogSequenceNumber)(await current.ExecuteScalarAsync(cancellationToken))!));
    }

    protected override void OnNotification(string channel, string payload)
    {
        if (NpgsqlLogSequenceNumber.TryParse(payload, out var position))
        {
            positions.Observe(WritePositions.Reachable((ulong)position));
        }
    }
}
