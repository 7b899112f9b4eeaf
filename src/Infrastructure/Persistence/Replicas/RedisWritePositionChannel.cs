using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace Catalog.Infrastructure.Persistence.Replicas;

/// <summary>
/// The newest write position as one Redis key (ADR-107). A write raises it (an atomic max) before its answer leaves; a
/// read gets it when it starts, so a read that starts after any instance's 2xx reflects that write: one Redis round trip
/// per routed read, no window. The key is trusted only once this instance has raised it to the primary's current
/// position after (re)connecting, or after finding it gone (a restarted Redis starts empty): writes answered while Redis
/// was away are covered. While Redis is unreachable, reads go to the primary, and writes announce their position by
/// NOTIFY, which instances that still reach Redis hear through <see cref="WritePositionListener"/>.
/// </summary>
internal sealed class RedisWritePositionChannel : IWritePositionChannel
{
    public const string Key = "catalog:write-position";

    // Positions are kept as 16 hex digits: Lua's numbers are doubles, its string comparison is exact.
    private const string RaiseScript = """
        local current = redis.call('GET', KEYS[1])
        if not current or current < ARGV[1] then
            redis.call('SET', KEYS[1], ARGV[1])
            return ARGV[1]
        end
        return current
        """;

    private const string NotifySql = """
        SELECT pg_notify('catalog_write_position', $1) FROM set_config('synchronous_commit', 'off', true)
        """;

    private readonly Task<IConnectionMultiplexer> _connecting;
    private readonly NpgsqlDataSource _primary;
    private readonly WritePositions _positions;
    private readonly ILogger<RedisWritePositionChannel> _logger;

    // Raised by every lost or restored connection and every failed call; the key is trusted for the generation it was
    // last raised to the primary's position in.
    private long _generation;
    private long _seeded = -1;

    public RedisWritePositionChannel(Task<IConnectionMultiplexer> connecting, NpgsqlDataSource primary, WritePositions positions, ILogger<RedisWritePositionChannel> logger)
    {
        _connecting = connecting;
        _primary = primary;
        _positions = positions;
        _logger = logger;
        _ = connecting.ContinueWith(
            c =>
            {
                c.Result.ConnectionFailed += (_, _) => Interlocked.Increment(ref _generation);
                c.Result.ConnectionRestored += (_, _) => Interlocked.Increment(ref _generation);
            },
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public PositionLease? WritesOutwait => null;

    public string? Unavailable => Connected is null
        ? "Redis is unreachable: the newest write position cannot be known, so reads go to the primary"
        : null;

    private IConnectionMultiplexer? Connected =>
        _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected ? _connecting.Result : null;

    public async Task<ulong> CaptureAndShareAsync(CancellationToken cancellationToken)
    {
        var position = WritePositions.Reachable(await LocalWritePositionChannel.CaptureAsync(_primary, cancellationToken));
        if (Connected is { } redis)
        {
            try
            {
                await RaiseAsync(redis.GetDatabase(), position);
                return position;
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                Interlocked.Increment(ref _generation);
                _logger.LogWarning(ex, "Could not share a write position through Redis; announcing it by NOTIFY");
            }
        }

        await using var notify = _primary.CreateCommand(NotifySql);
        notify.Parameters.Add(new NpgsqlParameter { Value = new NpgsqlLogSequenceNumber(position).ToString() });
        await notify.ExecuteNonQueryAsync(cancellationToken);
        return position;
    }

    public async ValueTask<ulong?> NewestAsync(CancellationToken cancellationToken)
    {
        if (Connected is not { } redis)
        {
            return null;
        }

        var generation = Volatile.Read(ref _generation);
        try
        {
            var database = redis.GetDatabase();
            var shared = Volatile.Read(ref _seeded) == generation ? Parse(await database.StringGetAsync(Key)) : 0;
            if (shared == 0)
            {
                // Not trusted yet, or gone: the primary's position now covers every write answered before.
                var current = WritePositions.Reachable(await LocalWritePositionChannel.CaptureAsync(_primary, cancellationToken));
                shared = await RaiseAsync(database, current);
                Volatile.Write(ref _seeded, generation);
            }

            return Math.Max(shared, _positions.Newest);
        }
        catch (Exception ex) when (IsOutage(ex) || (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested))
        {
            Interlocked.Increment(ref _generation);
            _logger.LogWarning(ex, "Could not read the newest write position; this read goes to the primary");
            return null;
        }
    }

    private static async Task<ulong> RaiseAsync(IDatabase database, ulong position) =>
        Parse((RedisValue)await database.ScriptEvaluateAsync(RaiseScript, [Key], [position.ToString("x16", CultureInfo.InvariantCulture)]));

    private static ulong Parse(RedisValue value) =>
        value.IsNullOrEmpty ? 0 : ulong.Parse((string)value!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private static bool IsOutage(Exception exception) => exception is RedisException or RedisTimeoutException or ObjectDisposedException;
}
