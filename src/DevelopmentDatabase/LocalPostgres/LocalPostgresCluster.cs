using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>
/// An embedded PostgreSQL cluster driven through <c>initdb</c> and <c>pg_ctl</c>: a persistent development
/// cluster (e.g. under <c>.localdb/</c>) or a throwaway cluster for a test run (<see cref="LocalPostgresOptions.Persistent"/> = false).
/// </summary>
/// <remarks>
/// The folder's files are described by <see cref="ClusterLayout"/>. PostgreSQL refuses to run as root, so when this
/// process is root the server tools run as the <c>postgres</c> OS user (<see cref="ServiceUser"/>).
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    internal const string Host = "127.0.0.1";

    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly ClusterLayout _layout;
    private readonly PostgresTools _tools;
    private readonly ServerLog _log;
    private readonly ServerControl _server;
    private readonly Lock _gate = new();
    private ClusterAdministration? _administration;
    private string _superuserPassword = string.Empty;
    private bool _startedServer;
    private Task? _stopTask;
    private int _disposed;

    private LocalPostgresCluster(LocalPostgresOptions options, ILogger logger, string binDirectory, bool runAsServiceUser)
    {
        _options = options;
        _logger = logger;
        _layout = new ClusterLayout(options.DataDirectory);
        _tools = new PostgresTools(binDirectory, runAsServiceUser, _layout.Root);
        _log = new ServerLog(_layout.LogFile, logger);
        _server = new ServerControl(_layout, _tools, _log, logger);
    }

    /// <summary>The TCP port the server listens on (127.0.0.1 only).</summary>
    public int Port { get; private set; }

    /// <summary>The cluster root (absolute); the PostgreSQL data directory is its <c>data</c> sub-folder.</summary>
    public string DataDirectory => _layout.Root;

    /// <summary>The server log (<c>DataDirectory/postgres.log</c>).</summary>
    public string LogFile => _layout.LogFile;

    /// <summary>Whether the cluster survives <see cref="DisposeAsync"/>.</summary>
    public bool Persistent => _options.Persistent;

    /// <summary>The server version, known once the cluster accepted a connection.</summary>
    public Version? ServerVersion { get; private set; }

    private ClusterAdministration Administration =>
        _administration ?? throw new InvalidOperationException("The local PostgreSQL cluster has not started.");

    /// <summary>
    /// Initializes the cluster when <c>DataDirectory/data</c> holds none, starts it (or reuses a server already
    /// running on that data directory) and waits until it accepts connections.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, ILogger logger, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new ArgumentException("LocalPostgresOptions.DataDirectory must be set.", nameof(options));
        }

        if (options.Port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Port, "LocalPostgresOptions.Port must be between 1 and 65535.");
        }

        var binDirectory = PostgresBinaries.Find(options.BinDirectory);
        var cluster = new LocalPostgresCluster(options, logger, binDirectory, ServiceUser.IsThisProcessRoot());
        try
        {
            await cluster.StartCoreAsync(ct);
            return cluster;
        }
        catch
        {
            await cluster.CleanUpAfterFailedStartAsync();
            throw;
        }
    }

    /// <summary>A connection string for the <c>postgres</c> superuser: <c>Host=127.0.0.1;Port=…;Username=postgres;Password=…;Database=…</c>.</summary>
    public string SuperuserConnectionString(string database = "postgres") =>
        ConnectionString(database, ClusterInitializer.SuperuserName, _superuserPassword);

    /// <summary>A connection string for <paramref name="username"/> on this cluster.</summary>
    public string ConnectionString(string database, string username, string password) =>
        BuildConnectionString(database, username, password, pooling: true);

    /// <summary>Creates the role, or updates its password and LOGIN/NOLOGIN when it exists. Idempotent.</summary>
    public Task EnsureRoleAsync(string role, string password, bool canLogin, CancellationToken ct = default) =>
        Administration.EnsureRoleAsync(role, password, canLogin, ct);

    /// <summary>Creates the database owned by <paramref name="owner"/> when missing; otherwise makes <paramref name="owner"/> its owner. Idempotent.</summary>
    public Task EnsureDatabaseAsync(string database, string owner, CancellationToken ct = default) =>
        Administration.EnsureDatabaseAsync(database, owner, ct);

    /// <summary>
    /// <c>CREATE DATABASE database TEMPLATE template OWNER owner</c>. Idle pooled connections are cleared first, and the
    /// statement is retried for a short while when the template is still "being accessed by other users".
    /// </summary>
    public Task CreateDatabaseFromTemplateAsync(string database, string template, string owner, CancellationToken ct = default) =>
        Administration.CreateDatabaseFromTemplateAsync(database, template, owner, ct);

    /// <summary>Drops the database if it exists, terminating its connections (<c>WITH (FORCE)</c>).</summary>
    public Task DropDatabaseAsync(string database, CancellationToken ct = default) =>
        Administration.DropDatabaseAsync(database, ct);

    /// <summary><c>pg_ctl stop -m fast</c> and wait. Idempotent; a server that is not running is not an error.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_stopTask is null || _stopTask.IsFaulted || _stopTask.IsCanceled)
            {
                _stopTask = _server.StopAsync("fast", Port, ct);
            }

            return _stopTask;
        }
    }

    /// <summary>Stops the cluster; when it is not <see cref="Persistent"/>, also deletes <see cref="DataDirectory"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await ShutDownAsync(stopServer: true);
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        await ServiceUser.PrepareDirectoryAsync(_layout, _tools.RunAsServiceUser, ct);

        await using var startLock = await StartLock.AcquireAsync(_layout, _logger, ct);

        var recordedPort = _layout.ReadRecordedPort();
        Port = _options.Port ?? recordedPort ?? ServerControl.FindFreePort();
        _superuserPassword = _layout.IsInitialized
            ? _layout.ReadSuperuserPassword()
            : await ClusterInitializer.InitializeAsync(_layout, _tools, Port, _options.Persistent, _logger, ct);

        if (recordedPort != Port)
        {
            await ClusterConfiguration.RecordPortAsync(_layout, Port, ct);
        }

        var reused = await _server.IsRunningAsync(ct);
        if (reused)
        {
            await AdoptRunningPortAsync(ct);
        }
        else
        {
            Port = await _server.StartAsync(Port, portIsFixed: _options.Port is not null, ct);
            _startedServer = true;
        }

        _administration = new ClusterAdministration(SuperuserAdminConnectionString, Port, _logger);
        ServerVersion = await _administration.WaitUntilAcceptingAsync(_layout, _log, ct);
        _logger.LogInformation(
            reused ? "Local PostgreSQL {Version} already running on {Host}:{Port}; reusing it (data: {DataDirectory})" : "Local PostgreSQL {Version} started on {Host}:{Port} (data: {DataDirectory})",
            ServerVersion?.Major,
            Host,
            Port,
            DataDirectory);
    }

    /// <summary>A server already runs on this data directory: use the port it listens on.</summary>
    private async Task AdoptRunningPortAsync(CancellationToken ct)
    {
        if (_layout.ReadPortFromPidFile() is not { } actual || actual == Port)
        {
            return;
        }

        if (_options.Port is not null)
        {
            _logger.LogWarning(
                "Local PostgreSQL in {DataDirectory} is already running on port {ActualPort}, not the requested port {RequestedPort}; using the running server",
                DataDirectory,
                actual,
                Port);
        }

        Port = actual;
        await ClusterConfiguration.RecordPortAsync(_layout, Port, ct);
    }

    private async Task CleanUpAfterFailedStartAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        try
        {
            await ShutDownAsync(stopServer: _startedServer);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Cleaning up after a failed start of local PostgreSQL in {DataDirectory} failed", DataDirectory);
        }
    }

    private async Task ShutDownAsync(bool stopServer)
    {
        if (stopServer)
        {
            try
            {
                await StopAsync(CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Could not stop local PostgreSQL (data: {DataDirectory})", DataDirectory);
                if (!_options.Persistent)
                {
                    try
                    {
                        await _server.StopAsync("immediate", Port, CancellationToken.None);
                    }
                    catch (Exception immediateEx)
                    {
                        _logger.LogWarning(immediateEx, "Could not stop local PostgreSQL in immediate mode (data: {DataDirectory})", DataDirectory);
                    }
                }
            }
        }

        if (!_options.Persistent)
        {
            await _layout.DeleteAsync(_logger);
        }
    }

    private string SuperuserAdminConnectionString(string database) =>
        BuildConnectionString(database, ClusterInitializer.SuperuserName, _superuserPassword, pooling: false);

    private string BuildConnectionString(string database, string username, string password, bool pooling)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        ArgumentException.ThrowIfNullOrEmpty(username);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = username,
            Password = password,
            Database = database,
        };
        if (!pooling)
        {
            builder.Pooling = false;
            builder.Timeout = 5;
        }

        return builder.ConnectionString;
    }
}
