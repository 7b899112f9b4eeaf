using StackExchange.Redis;

namespace Catalog.WebApi.Scaling;

/// <summary>
/// This instance's one connection to Redis (<c>ConnectionStrings:Redis</c>), which shares the rate-limit budgets and
/// the output cache between instances (ADR-098). Never waits for Redis: the first connection is made in the background,
/// a command while it is down fails at once instead of queueing (<see cref="BacklogPolicy.FailFast"/>), and a lost
/// connection is retried every second. While <see cref="IsAvailable"/> is false, callers use this instance's own
/// budgets and cache; <see cref="Restored"/> tells them it is back.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(string configuration, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName ??= "catalog";
        _connecting = ConnectAsync(options);
    }

    /// <summary>Raised when a lost connection is back (not for the first one).</summary>
    public event Action? Restored;

    public bool IsAvailable => _connecting.IsCompletedSuccessfully && _connecting.Result.IsConnected;

    /// <summary>Only once <see cref="IsAvailable"/> has said true.</summary>
    public IDatabase Database => _connecting.Result.GetDatabase();

    /// <summary>For the output-cache store, which asks for its connection when it first needs it.</summary>
    public async Task<IConnectionMultiplexer> MultiplexerAsync() => await _connecting;

    /// <summary>A failed Redis call, as opposed to a bug: the caller falls back to this instance's own state.</summary>
    public static bool IsOutage(Exception exception) => exception is RedisException or RedisTimeoutException or ObjectDisposedException;

    public void Dispose() => _connecting.ContinueWith(
        connecting => connecting.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        // Not awaited by the constructor: the instance starts and serves (with its own state) while Redis is away.
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        multiplexer.ConnectionFailed += (_, e) =>
            _logger.LogWarning(e.Exception, "Redis connection to {EndPoint} lost ({FailureType}): rate-limit budgets and the output cache are this instance's own until it returns", e.EndPoint, e.FailureType);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            _logger.LogInformation("Redis connection to {EndPoint} restored: rate-limit budgets and the output cache are shared again", e.EndPoint);
            Restored?.Invoke();
        };
        return multiplexer;
    }
}
