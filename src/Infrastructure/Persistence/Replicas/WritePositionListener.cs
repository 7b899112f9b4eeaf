using System.Diagnostics;
using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// Holds one connection to the primary with <c>LISTEN catalog_write_position</c> and makes each announced position this
/// instance's newest. Notifications sent while no one listened are lost: on each (re)connect the primary's current
/// position is taken as the newest, which covers every write committed before. In NOTIFY mode each round trip on the
/// connection renews the <see cref="PositionLease"/> (ADR-113), one every quarter of its length.
/// </summary>
internal sealed class WritePositionListener(
    CatalogConnectionStrings connectionStrings,
    WritePositions positions,
    PositionLease lease,
    IWritePositionChannel channel,
    IEnumerable<IWritePositionNotificationHook> hooks,
    ILogger<WritePositionListener> logger)
    : PostgresChannelListener(connectionStrings, logger)
{
    private readonly IWritePositionNotificationHook[] _hooks = [.. hooks];

    protected override IReadOnlyList<string> Channels { get; } = [NotifyWritePositionChannel.Channel];

    protected override string ApplicationName => "catalog-position-listener";

    // Only where reads trust the lease (NOTIFY); with Redis this listener is the fallback and needs no round trips.
    protected override TimeSpan? IdleInterval => channel.WritesOutwait is null ? null : lease.Length / 4;

    protected override async Task OnListeningAsync(NpgsqlConnection connection, bool reconnected, CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        await using var current = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", connection);
        positions.Observe(WritePositions.Reachable((ulong)(NpgsqlLogSequenceNumber)(await current.ExecuteScalarAsync(cancellationToken))!));
        lease.Renew(sentAt);
    }

    protected override async Task OnIdleAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sentAt = Stopwatch.GetTimestamp();
        await using var ping = new NpgsqlCommand("SELECT 1", connection);
        await ping.ExecuteNonQueryAsync(cancellationToken);
        lease.Renew(sentAt);
    }

    protected override void OnNotification(string channel, string payload)
    {
        foreach (var hook in _hooks)
        {
            hook.BeforeProcessing(payload);
        }

        if (NpgsqlLogSequenceNumber.TryParse(payload, out var position))
        {
            positions.Observe(WritePositions.Reachable((ulong)position));
        }
    }
}

/// <summary>
/// Runs on the listener's connection before an announced write position is processed; none is registered in production.
/// Tests register one that holds the notification, as a slow network or a busy instance would (ADR-113).
/// </summary>
public interface IWritePositionNotificationHook
{
    void BeforeProcessing(string payload);
}
