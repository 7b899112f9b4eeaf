using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Infrastructure.Database.LocalPostgres;

/// <summary>
/// An embedded PostgreSQL cluster driven through <c>initdb</c> and <c>pg_ctl</c>: a persistent development
/// cluster (e.g. under <c>.localdb/</c>) or a throwaway cluster for a test run (<see cref="LocalPostgresOptions.Persistent"/> = false).
/// </summary>
/// <remarks>
/// Layout of <see cref="LocalPostgresOptions.DataDirectory"/>: <c>data/</c> (the PostgreSQL data directory),
/// <c>superuser.password</c> (mode 600), <c>port</c>, <c>postgres.log</c>, <c>cluster.lock</c> and the Unix socket.
/// PostgreSQL refuses to run as root, so when this process is root the server tools run as the <c>postgres</c>
/// OS user through <c>runuser</c>.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string Host = "127.0.0.1";
    private const string ServiceUser = "postgres";
    private const string SuperuserName = "postgres";
    private const string DataFolderName = "data";
    private const string PasswordFileName = "superuser.password";
    private const string PortFileName = "port";
    private const string LogFileName = "postgres.log";
    private const string LockFileName = "cluster.lock";
    private const int MaxUnixSocketPathBytes = 107;
    private const int LogTailLines = 30;
    private const int MaxPortAttempts = 3;
    private const long MaxLogBytesBeforeReset = 10 * 1024 * 1024;
    private const int AdminCommandTimeoutSeconds = 300;
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LongProcessTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan TemplateBusyTimeout = TimeSpan.FromSeconds(15);

    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private readonly string _dataPath;
    private readonly bool _runAsServiceUser;
    private readonly Lock _gate = new();
    private string _superuserPassword = string.Empty;
    private bool _startedServer;
    private Task? _stopTask;
    private int _disposed;

    private LocalPostgresCluster(LocalPostgresOptions options, ILogger logger, string binDirectory, bool runAsServiceUser)
    {
        _options = options;
        _logger = logger;
        _binDirectory = binDirectory;
        _runAsServiceUser = runAsServiceUser;
        DataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        _dataPath = Path.Combine(DataDirectory, DataFolderName);
        LogFile = Path.Combine(DataDirectory, LogFileName);
    }

    /// <summary>The TCP port the server listens on (127.0.0.1 only).</summary>
    public int Port { get; private set; }

    /// <summary>The cluster root (absolute); the PostgreSQL data directory is its <c>data</c> sub-folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The server log (<c>DataDirectory/postgres.log</c>).</summary>
    public string LogFile { get; }

    /// <summary>Whether the cluster survives <see cref="DisposeAsync"/>.</summary>
    public bool Persistent => _options.Persistent;

    /// <summary>The server version, known once the cluster accepted a connection.</summary>
    public Version? ServerVersion { get; private set; }

    private string PasswordFilePath => Path.Combine(DataDirectory, PasswordFileName);

    private string PortFilePath => Path.Combine(DataDirectory, PortFileName);

    private string ConfigurationFilePath => Path.Combine(_dataPath, "postgresql.conf");

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
        var cluster = new LocalPostgresCluster(options, logger, binDirectory, IsRunningAsRoot());
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
        ConnectionString(database, SuperuserName, _superuserPassword);

    /// <summary>A connection string for <paramref name="username"/> on this cluster.</summary>
    public string ConnectionString(string database, string username, string password) =>
        BuildConnectionString(database, username, password, pooling: true);

    /// <summary>Creates the role, or updates its password and LOGIN/NOLOGIN when it exists. Idempotent.</summary>
    public async Task EnsureRoleAsync(string role, string password, bool canLogin, CancellationToken ct = default)
    {
        var quotedRole = QuoteIdentifier(role, nameof(role));
        var attributes = (canLogin ? "LOGIN" : "NOLOGIN") + " PASSWORD " + (string.IsNullOrEmpty(password) ? "NULL" : QuoteLiteral(password, nameof(password)));

        await using var connection = await OpenAdminConnectionAsync("postgres", ct);
        var exists = await ExecuteScalarAsync(connection, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", role, ct) is not null;
        if (!exists)
        {
            try
            {
                await ExecuteAsync(connection, $"CREATE ROLE {quotedRole} WITH {attributes}", ct);
                _logger.LogInformation("Created PostgreSQL role {Role} on local cluster 127.0.0.1:{Port}", role, Port);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Created concurrently by someone else: fall through and update it.
            }
        }

        await ExecuteAsync(connection, $"ALTER ROLE {quotedRole} WITH {attributes}", ct);
        _logger.LogDebug("Updated PostgreSQL role {Role} on local cluster 127.0.0.1:{Port}", role, Port);
    }

    /// <summary>Creates the database owned by <paramref name="owner"/> when missing; otherwise makes <paramref name="owner"/> its owner. Idempotent.</summary>
    public async Task EnsureDatabaseAsync(string database, string owner, CancellationToken ct = default)
    {
        var quotedDatabase = QuoteIdentifier(database, nameof(database));
        var quotedOwner = QuoteIdentifier(owner, nameof(owner));

        await using var connection = await OpenAdminConnectionAsync(AdminDatabaseFor(database), ct);
        const string OwnerQuery = "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = $1";
        var currentOwner = await ExecuteScalarAsync(connection, OwnerQuery, database, ct) as string;
        if (currentOwner is null)
        {
            try
            {
                await ExecuteRetryingWhileInUseAsync(connection, $"CREATE DATABASE {quotedDatabase} OWNER {quotedOwner}", ct);
                _logger.LogInformation("Created PostgreSQL database {Database} (owner {Owner}) on local cluster 127.0.0.1:{Port}", database, owner, Port);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                currentOwner = await ExecuteScalarAsync(connection, OwnerQuery, database, ct) as string;
            }
        }

        if (!string.Equals(currentOwner, owner, StringComparison.Ordinal))
        {
            await ExecuteAsync(connection, $"ALTER DATABASE {quotedDatabase} OWNER TO {quotedOwner}", ct);
            _logger.LogInformation("Changed owner of PostgreSQL database {Database} to {Owner}", database, owner);
        }
    }

    /// <summary>
    /// <c>CREATE DATABASE database TEMPLATE template OWNER owner</c>. Idle pooled connections are cleared first, and the
    /// statement is retried for a short while when the template is still "being accessed by other users".
    /// </summary>
    public async Task CreateDatabaseFromTemplateAsync(string database, string template, string owner, CancellationToken ct = default)
    {
        var sql = $"CREATE DATABASE {QuoteIdentifier(database, nameof(database))} TEMPLATE {QuoteIdentifier(template, nameof(template))} OWNER {QuoteIdentifier(owner, nameof(owner))}";

        // Pooled (idle) connections to the template would make CREATE DATABASE fail.
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminConnectionAsync(AdminDatabaseFor(database, template), ct);
        await ExecuteRetryingWhileInUseAsync(connection, sql, ct);
        _logger.LogDebug("Created PostgreSQL database {Database} from template {Template}", database, template);
    }

    /// <summary>Drops the database if it exists, terminating its connections (<c>WITH (FORCE)</c>).</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken ct = default)
    {
        var quotedDatabase = QuoteIdentifier(database, nameof(database));

        // Idle pooled connections would be terminated by FORCE and then fail on their next use.
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminConnectionAsync(AdminDatabaseFor(database), ct);
        if (connection.PostgreSqlVersion.Major >= 13)
        {
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quotedDatabase} WITH (FORCE)", ct);
        }
        else
        {
            const string Terminate = "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND pid <> pg_catalog.pg_backend_pid()";
            await ExecuteScalarAsync(connection, Terminate, database, ct);
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quotedDatabase}", ct);
        }

        _logger.LogDebug("Dropped PostgreSQL database {Database}", database);
    }

    /// <summary><c>pg_ctl stop -m fast</c> and wait. Idempotent; a server that is not running is not an error.</summary>
    public Task StopAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_stopTask is null || _stopTask.IsFaulted || _stopTask.IsCanceled)
            {
                _stopTask = StopCoreAsync("fast", ct);
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
        await PrepareDirectoryAsync(ct);

        await using var startLock = await AcquireStartLockAsync(ct);

        var initialize = !File.Exists(Path.Combine(_dataPath, "PG_VERSION"));
        var recordedPort = ReadRecordedPort();
        Port = _options.Port ?? recordedPort ?? FindFreePort();

        if (initialize)
        {
            await InitializeClusterAsync(ct);
        }
        else
        {
            _superuserPassword = ReadSuperuserPassword();
        }

        if (recordedPort != Port)
        {
            await RecordPortAsync(ct);
        }

        if (await IsRunningAsync(ct))
        {
            var runningPort = ReadPortFromPidFile();
            if (runningPort is { } actual && actual != Port)
            {
                if (_options.Port is not null)
                {
                    _logger.LogWarning(
                        "Local PostgreSQL in {DataDirectory} is already running on port {ActualPort}, not the requested port {RequestedPort}; using the running server",
                        DataDirectory,
                        actual,
                        Port);
                }

                Port = actual;
                await RecordPortAsync(ct);
            }

            await WaitForConnectionAsync(ct);
            _logger.LogInformation(
                "Local PostgreSQL {Version} already running on {Host}:{Port}; reusing it (data: {DataDirectory})",
                ServerVersion?.Major,
                Host,
                Port,
                DataDirectory);
        }
        else
        {
            await StartServerAsync(ct);
            await WaitForConnectionAsync(ct);
            _logger.LogInformation(
                "Local PostgreSQL {Version} started on {Host}:{Port} (data: {DataDirectory})",
                ServerVersion?.Major,
                Host,
                Port,
                DataDirectory);
        }
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
                        await StopCoreAsync("immediate", CancellationToken.None);
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
            await DeleteClusterDirectoryAsync();
        }
    }

    // ----- Directory preparation -------------------------------------------------------------------------------

    private async Task PrepareDirectoryAsync(CancellationToken ct)
    {
        if (!_runAsServiceUser || OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(DataDirectory);
            return;
        }

        await EnsureServiceUserExistsAsync(ct);

        // Existing parent folders must be traversable by the postgres user (checked, never changed);
        // the folders created here are made traversable.
        var created = new List<string>();
        var existing = DataDirectory;
        while (!Directory.Exists(existing))
        {
            created.Add(existing);
            existing = Path.GetDirectoryName(existing) ?? throw new InvalidOperationException($"'{DataDirectory}' has no existing root folder.");
        }

        await EnsureTraversableAsync(created.Count == 0 ? Path.GetDirectoryName(DataDirectory) : existing, ct);

        Directory.CreateDirectory(DataDirectory);
        foreach (var directory in created)
        {
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.OtherExecute);
        }

        await RunCheckedAsync("chown", [ServiceUser, DataDirectory], ct);
        File.SetUnixFileMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Directory.Exists(_dataPath))
        {
            await RunCheckedAsync("chown", ["-R", ServiceUser, _dataPath], ct);
        }

        if (File.Exists(LogFile))
        {
            await RunCheckedAsync("chown", [ServiceUser, LogFile], ct);
        }
    }

    private static async Task EnsureServiceUserExistsAsync(CancellationToken ct)
    {
        var result = await RunProcessAsync("id", ["-u", ServiceUser], workingDirectory: null, ProcessTimeout, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "This process runs as root, and PostgreSQL refuses to run as root, so the local PostgreSQL cluster is run as the "
                + $"'{ServiceUser}' OS user — but no such user exists. Create it (Debian/Ubuntu: `useradd --system --user-group "
                + $"--home-dir /var/lib/postgresql --shell /bin/bash {ServiceUser}`; installing the `postgresql` package also creates it), "
                + "run as a non-root user, or set ConnectionStrings:Catalog to an existing PostgreSQL database.");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private async Task EnsureTraversableAsync(string? folder, CancellationToken ct)
    {
        for (var directory = folder; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if ((File.GetUnixFileMode(directory) & UnixFileMode.OtherExecute) != 0)
            {
                continue;
            }

            // The mode bits say no; the postgres user may still get in (owner or group). Ask the system.
            var probe = await RunProcessAsync("runuser", ["-u", ServiceUser, "--", "test", "-x", directory], workingDirectory: "/", ProcessTimeout, ct);
            if (probe.ExitCode == 0)
            {
                continue;
            }

            throw new InvalidOperationException(
                $"The local PostgreSQL folder '{DataDirectory}' is not reachable by the '{ServiceUser}' OS user, because '{directory}' "
                + "is not traversable by other users. This process runs as root and PostgreSQL refuses to run as root, so the server runs as "
                + $"'{ServiceUser}'. Make the folder traversable (`chmod o+x {directory}`) or put the data directory somewhere "
                + "every parent folder is traversable (for example under /tmp or /var/lib).");
        }
    }

    private async Task<FileStream> AcquireStartLockAsync(CancellationToken ct)
    {
        var path = Path.Combine(DataDirectory, LockFileName);
        var stopwatch = Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix: one starter per folder at a time.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (stopwatch.Elapsed < LockTimeout)
            {
                if (!logged)
                {
                    _logger.LogInformation("Waiting for another process starting local PostgreSQL in {DataDirectory} ({Reason})", DataDirectory, ex.Message);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }

    // ----- initdb ------------------------------------------------------------------------------------------------

    private async Task InitializeClusterAsync(CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        _superuserPassword = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await WriteSecretFileAsync(PasswordFilePath, _superuserPassword, ct);

        var passwordFile = Path.Combine(DataDirectory, $".initdb-{Guid.NewGuid():N}.pw");
        try
        {
            await WriteSecretFileAsync(passwordFile, _superuserPassword + "\n", ct);
            if (_runAsServiceUser)
            {
                await RunCheckedAsync("chown", [ServiceUser, passwordFile], ct);
            }

            var result = await RunInitDbAsync(passwordFile, "C.UTF-8", ct);
            if (result.ExitCode != 0 && result.StandardError.Contains("locale", StringComparison.OrdinalIgnoreCase))
            {
                _logger.LogInformation("Locale C.UTF-8 is not available; initializing the local PostgreSQL cluster with locale C");
                DeleteIncompleteDataDirectory();
                result = await RunInitDbAsync(passwordFile, "C", ct);
            }

            if (result.ExitCode != 0)
            {
                DeleteIncompleteDataDirectory();
                throw new InvalidOperationException($"Could not initialize a PostgreSQL cluster in '{_dataPath}'. {Describe(result)}");
            }
        }
        finally
        {
            TryDeleteFile(passwordFile);
        }

        await File.AppendAllTextAsync(ConfigurationFilePath, BuildConfiguration(), ct);
        _logger.LogInformation(
            "Initialized a {Kind} local PostgreSQL cluster in {DataDirectory} ({ElapsedMs} ms)",
            _options.Persistent ? "persistent" : "throwaway",
            DataDirectory,
            stopwatch.ElapsedMilliseconds);
    }

    private Task<ProcessResult> RunInitDbAsync(string passwordFile, string locale, CancellationToken ct)
    {
        var arguments = new List<string>
        {
            "-D", _dataPath,
            "-U", SuperuserName,
            "--auth-local=scram-sha-256",
            "--auth-host=scram-sha-256",
            $"--pwfile={passwordFile}",
            "-E", "UTF8",
            $"--locale={locale}",
        };
        if (!_options.Persistent)
        {
            // Throwaway cluster: do not wait for initdb's files to reach the disk.
            arguments.Add("--no-sync");
        }

        return RunPostgresToolAsync("initdb", arguments, LongProcessTimeout, ct);
    }

    private string BuildConfiguration()
    {
        var builder = new StringBuilder();
        builder.Append("\n# ----- Added by Catalog LocalPostgresCluster -----\n");
        builder.Append("listen_addresses = '127.0.0.1'\n");
        builder.Append(CultureInfo.InvariantCulture, $"port = {Port}\n");
        builder.Append(CultureInfo.InvariantCulture, $"unix_socket_directories = {QuoteConfigurationValue(SocketDirectory())}\n");
        builder.Append("max_connections = 200\n");
        builder.Append("shared_buffers = 256MB\n");
        builder.Append("log_min_messages = warning\n");
        builder.Append("logging_collector = off\n");
        if (!_options.Persistent)
        {
            // Throwaway test cluster: durability is worthless, speed is not.
            builder.Append("fsync = off\n");
            builder.Append("synchronous_commit = off\n");
            builder.Append("full_page_writes = off\n");
        }

        return builder.ToString();
    }

    private string SocketDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return string.Empty;
        }

        // The socket path (<dir>/.s.PGSQL.<port>) must fit in sockaddr_un.sun_path; otherwise TCP only.
        var socketPathBytes = Encoding.UTF8.GetByteCount(DataDirectory) + "/.s.PGSQL.65535".Length;
        return socketPathBytes <= MaxUnixSocketPathBytes ? DataDirectory : string.Empty;
    }

    /// <summary>Records <see cref="Port"/> in <c>DataDirectory/port</c> and in the <c>port = …</c> line of postgresql.conf.</summary>
    private async Task RecordPortAsync(CancellationToken ct)
    {
        await File.WriteAllTextAsync(PortFilePath, Port.ToString(CultureInfo.InvariantCulture), ct);
        if (!File.Exists(ConfigurationFilePath))
        {
            return;
        }

        var lines = (await File.ReadAllLinesAsync(ConfigurationFilePath, ct)).ToList();
        var portLine = string.Create(CultureInfo.InvariantCulture, $"port = {Port}");
        var replaced = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimStart();
            if (line.StartsWith("port", StringComparison.Ordinal) && line[4..].TrimStart().StartsWith('='))
            {
                lines[i] = portLine;
                replaced = true;
            }
        }

        if (!replaced)
        {
            lines.Add(portLine);
        }

        await File.WriteAllLinesAsync(ConfigurationFilePath, lines, ct);
    }

    private void DeleteIncompleteDataDirectory()
    {
        if (Directory.Exists(_dataPath) && !File.Exists(Path.Combine(_dataPath, "PG_VERSION")))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }

    // ----- pg_ctl ------------------------------------------------------------------------------------------------

    private async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        // pg_ctl status: 0 = running, 3 = not running, 4 = no accessible data directory.
        var result = await RunPostgresToolAsync("pg_ctl", ["status", "-D", _dataPath], ProcessTimeout, ct);
        return result.ExitCode == 0;
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            ResetLogIfLarge();
            var logOffset = LogLength();
            var portOption = string.Create(CultureInfo.InvariantCulture, $"-p {Port}");
            var result = await RunPostgresToolAsync(
                "pg_ctl",
                ["start", "-D", _dataPath, "-l", LogFile, "-w", "-t", "60", "-o", portOption],
                LongProcessTimeout,
                ct);
            if (result.ExitCode == 0)
            {
                _startedServer = true;
                return;
            }

            var portTaken = ReadLogFrom(logOffset).Contains("Address already in use", StringComparison.Ordinal);
            if (portTaken && _options.Port is null && attempt < MaxPortAttempts)
            {
                var previousPort = Port;
                Port = FindFreePort();
                _logger.LogWarning("Port {PreviousPort} is in use; starting local PostgreSQL on port {Port} instead", previousPort, Port);
                await RecordPortAsync(ct);
                continue;
            }

            throw new InvalidOperationException(
                $"Could not start the local PostgreSQL server in '{_dataPath}' on port {Port}. {Describe(result)}\n{LogTail()}");
        }
    }

    private async Task StopCoreAsync(string mode, CancellationToken ct)
    {
        if (!Directory.Exists(_dataPath))
        {
            return;
        }

        var result = await RunPostgresToolAsync("pg_ctl", ["stop", "-D", _dataPath, "-m", mode, "-w", "-t", "30"], ProcessTimeout, ct);
        if (result.ExitCode == 0)
        {
            _logger.LogInformation("Local PostgreSQL on {Host}:{Port} stopped (data: {DataDirectory})", Host, Port, DataDirectory);
            return;
        }

        if (!await IsRunningAsync(ct))
        {
            _logger.LogDebug("Local PostgreSQL in {DataDirectory} was not running", DataDirectory);
            return;
        }

        throw new InvalidOperationException($"Could not stop the local PostgreSQL server in '{_dataPath}'. {Describe(result)}");
    }

    private async Task WaitForConnectionAsync(CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = await OpenAdminConnectionAsync("postgres", ct);
                ServerVersion = connection.PostgreSqlVersion;
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                throw new InvalidOperationException(
                    $"The local PostgreSQL server on {Host}:{Port} rejected the superuser password stored in '{PasswordFilePath}'. "
                    + $"Stop the server and delete '{DataDirectory}' to recreate the cluster.",
                    ex);
            }
            catch (NpgsqlException ex) when (stopwatch.Elapsed >= ConnectTimeout)
            {
                throw new InvalidOperationException(
                    $"The local PostgreSQL server on {Host}:{Port} did not accept connections within {ConnectTimeout.TotalSeconds:0} s: {ex.Message}\n{LogTail()}",
                    ex);
            }
            catch (NpgsqlException)
            {
                // Still starting up (57P03) or not listening yet: try again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    // ----- SQL helpers -------------------------------------------------------------------------------------------

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

    private async Task<NpgsqlConnection> OpenAdminConnectionAsync(string database, CancellationToken ct)
    {
        // Unpooled: administrative connections must not linger (they would block CREATE DATABASE ... TEMPLATE).
        var connection = new NpgsqlConnection(BuildConnectionString(database, SuperuserName, _superuserPassword, pooling: false));
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = AdminCommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ExecuteScalarAsync(NpgsqlConnection connection, string sql, string parameter, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = AdminCommandTimeoutSeconds };
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    private static async Task ExecuteRetryingWhileInUseAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ExecuteAsync(connection, sql, ct);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && stopwatch.Elapsed < TemplateBusyTimeout)
            {
                // "source database ... is being accessed by other users": a connection was returned to a pool meanwhile.
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    /// <summary>The database to hold the administrative connection in: "postgres", unless that is one being operated on.</summary>
    private static string AdminDatabaseFor(params string[] databases) =>
        databases.Contains("postgres", StringComparer.Ordinal) ? "template1" : "postgres";

    private static string QuoteIdentifier(string identifier, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier, parameterName);
        if (identifier.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL identifier cannot contain NUL characters.", parameterName);
        }

        if (Encoding.UTF8.GetByteCount(identifier) > 63)
        {
            throw new ArgumentException($"PostgreSQL identifiers are limited to 63 bytes: '{identifier}'.", parameterName);
        }

        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string QuoteLiteral(string value, string parameterName)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL string cannot contain NUL characters.", parameterName);
        }

        // E'' escapes do not depend on standard_conforming_strings.
        return "E'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static string QuoteConfigurationValue(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";

    // ----- Files ------------------------------------------------------------------------------------------------

    private string ReadSuperuserPassword()
    {
        if (!File.Exists(PasswordFilePath))
        {
            throw new InvalidOperationException(
                $"The local PostgreSQL cluster in '{DataDirectory}' has no '{PasswordFileName}', so its superuser password is unknown. "
                + $"Stop any server running on it (`pg_ctl stop -D {_dataPath}`) and delete '{DataDirectory}' to recreate the cluster.");
        }

        var password = File.ReadAllText(PasswordFilePath).Trim();
        if (password.Length == 0)
        {
            throw new InvalidOperationException($"'{PasswordFilePath}' is empty. Delete '{DataDirectory}' to recreate the local PostgreSQL cluster.");
        }

        return password;
    }

    private int? ReadRecordedPort()
    {
        try
        {
            if (File.Exists(PortFilePath)
                && int.TryParse(File.ReadAllText(PortFilePath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port is >= 1 and <= 65535)
            {
                return port;
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private int? ReadPortFromPidFile()
    {
        // postmaster.pid: PID, data directory, start time, port, socket directory, listen address, shmem key, status.
        try
        {
            var lines = File.ReadAllLines(Path.Combine(_dataPath, "postmaster.pid"));
            if (lines.Length >= 4 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                return port;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static async Task WriteSecretFileAsync(string path, string content, CancellationToken ct)
    {
        // Re-create rather than overwrite, so that the file gets mode 600 and belongs to this process's user.
        TryDeleteFile(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(content), ct);
    }

    private void ResetLogIfLarge()
    {
        try
        {
            var log = new FileInfo(LogFile);
            if (log.Exists && log.Length > MaxLogBytesBeforeReset)
            {
                log.Delete();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogDebug(ex, "Could not reset {LogFile}", LogFile);
        }
    }

    private long LogLength()
    {
        try
        {
            var log = new FileInfo(LogFile);
            return log.Exists ? log.Length : 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private string ReadLogFrom(long offset)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(offset, Math.Max(0, stream.Length - (256 * 1024))), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private string LogTail()
    {
        var lines = ReadLogFrom(0).Split('\n', StringSplitOptions.None).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return $"({LogFile} is empty or missing.)";
        }

        var tail = lines.Skip(Math.Max(0, lines.Count - LogTailLines));
        return $"Last lines of {LogFile}:\n" + string.Join('\n', tail);
    }

    private async Task DeleteClusterDirectoryAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(DataDirectory))
                {
                    Directory.Delete(DataDirectory, recursive: true);
                    _logger.LogDebug("Deleted throwaway PostgreSQL cluster folder {DataDirectory}", DataDirectory);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt >= 10)
                {
                    _logger.LogWarning(ex, "Could not delete throwaway PostgreSQL cluster folder {DataDirectory}", DataDirectory);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    // ----- Processes ----------------------------------------------------------------------------------------------

    private Task<ProcessResult> RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var executable = Path.Combine(_binDirectory, PostgresBinaries.ExecutableName(tool));
        if (!_runAsServiceUser)
        {
            return RunProcessAsync(executable, arguments, DataDirectory, timeout, ct);
        }

        string[] wrapped = ["-u", ServiceUser, "--", executable, .. arguments];
        return RunProcessAsync("runuser", wrapped, DataDirectory, timeout, ct);
    }

    private static async Task RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var result = await RunProcessAsync(fileName, arguments, workingDirectory: null, ProcessTimeout, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(Describe(result));
        }
    }

    private static async Task<ProcessResult> RunProcessAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        CancellationToken ct)
    {
        var commandLine = string.Join(' ', arguments.Prepend(fileName).Select(static a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run `{commandLine}`: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeoutSource.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout.TotalSeconds:0} s. {await ReadOrEmptyAsync(standardError)}");
        }

        // A daemonized grandchild (the postmaster) could in theory keep a pipe open: do not wait for it forever.
        var output = await ReadOrEmptyAsync(standardOutput);
        var error = await ReadOrEmptyAsync(standardError);
        return new ProcessResult(commandLine, process.ExitCode, output, error);
    }

    private static async Task<string> ReadOrEmptyAsync(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or IOException)
        {
            return string.Empty;
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
        }
    }

    private static string Describe(ProcessResult result)
    {
        var message = result.StandardError.Trim();
        if (message.Length == 0)
        {
            message = result.StandardOutput.Trim();
        }

        return $"`{result.CommandLine}` failed with exit code {result.ExitCode}: {message}";
    }

    // ----- Environment -------------------------------------------------------------------------------------------

    private static bool IsRunningAsRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // .NET resolves Environment.UserName from the effective uid; /proc covers a uid 0 with another name.
        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    var ids = line["Uid:".Length..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return ids.Length >= 2 && ids[1] == "0";
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private readonly record struct ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError);
}
