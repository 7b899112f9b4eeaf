using Catalog.DevelopmentDatabase.LocalPostgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// A primary of its own with one migrated database, and a real streaming standby of it (<c>pg_basebackup -R</c>, its own
/// port and folder) that replays commits <see cref="ApplyDelay"/> after the primary made them, as a replica under write
/// load would: a read that does not wait for it sees the old rows. Its own primary, so that stopping the standby or
/// pausing its replay touches no other test.
/// </summary>
public sealed class StandbyCluster : IAsyncLifetime
{
    public const string Database = "catalog";
    public const string ApplyDelay = "300ms";

    private LocalPostgresCluster? _primary;
    private ServerControl? _standby;
    private ClusterLayout? _standbyLayout;
    private string _superuserPassword = string.Empty;

    public int StandbyPort { get; private set; }

    /// <summary>The database on the primary, as its owner (test set-up and checks).</summary>
    public string OwnerConnectionString { get; private set; } = string.Empty;

    /// <summary>The same database on the standby, as the application role.</summary>
    public string StandbyAppConnectionString { get; private set; } = string.Empty;

    private LocalPostgresCluster Primary => _primary ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), LeftoverClusters.Prefix + Guid.NewGuid().ToString("N")[..8]);
        _primary = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { DataDirectory = folder, Persistent = false }, NullLogger.Instance);
        await _primary.EnsureRoleAsync(PostgresServer.OwnerRole, PostgresServer.OwnerPassword, canLogin: true);
        await _primary.EnsureRoleAsync(PostgresServer.AppRole, PostgresServer.AppPassword, canLogin: true);
        await _primary.EnsureDatabaseAsync(Database, PostgresServer.OwnerRole);
        OwnerConnectionString = _primary.ConnectionString(Database, PostgresServer.OwnerRole, PostgresServer.OwnerPassword);
        await PostgresServer.MigrateAsync(OwnerConnectionString);
        // The throwaway cluster commits asynchronously; a real primary flushes each commit before it answers (and only
        // then sends it to a standby).
        await ExecuteAsync(_primary.SuperuserConnectionString(), "ALTER SYSTEM SET synchronous_commit = on");
        await ExecuteAsync(_primary.SuperuserConnectionString(), "SELECT pg_reload_conf()");

        _superuserPassword = new ClusterLayout(folder).ReadSuperuserPassword();
        _standbyLayout = new ClusterLayout(folder + "-standby");
        var runAsServiceUser = ServiceUser.IsThisProcessRoot();
        await ServiceUser.PrepareDirectoryAsync(_standbyLayout, runAsServiceUser, CancellationToken.None);
        var tools = new PostgresTools(PostgresBinaries.Find(), runAsServiceUser, _standbyLayout.Root);
        var source = $"host={LocalPostgresCluster.Host} port={_primary.Port} user={ClusterInitializer.SuperuserName} password={_superuserPassword}";
        var backup = await tools.RunAsync("pg_basebackup", ["-D", _standbyLayout.DataPath, "-R", "-X", "stream", "-c", "fast", "--no-sync", "-d", source], TimeSpan.FromMinutes(2), CancellationToken.None);
        if (backup.ExitCode != 0)
        {
            throw new InvalidOperationException("pg_basebackup failed: " + backup.Describe());
        }

        await File.AppendAllTextAsync(Path.Combine(_standbyLayout.DataPath, "postgresql.auto.conf"), $"recovery_min_apply_delay = '{ApplyDelay}'\n");
        _standby = new ServerControl(_standbyLayout, tools, new ServerLog(_standbyLayout.LogFile, NullLogger.Instance), NullLogger.Instance);
        StandbyPort = await _standby.StartAsync(ServerControl.FindFreePort(), portIsFixed: false, CancellationToken.None);
        StandbyAppConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.AppConnectionString(OwnerConnectionString)) { Port = StandbyPort }.ConnectionString;
        await WaitForStandbyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_standby is not null && _standbyLayout is not null)
        {
            await _standby.StopAsync("immediate", StandbyPort, CancellationToken.None);
            await _standbyLayout.DeleteAsync(NullLogger.Instance);
        }

        if (_primary is not null)
        {
            await _primary.DisposeAsync();
        }
    }

    /// <summary>The application's connection string to the primary.</summary>
    public string PrimaryAppConnectionString => PostgresServer.AppConnectionString(OwnerConnectionString);

    public Task StopStandbyAsync() => _standby!.StopAsync("fast", StandbyPort, CancellationToken.None);

    public async Task StartStandbyAsync()
    {
        await _standby!.StartAsync(StandbyPort, portIsFixed: true, CancellationToken.None);
        await WaitForStandbyAsync();
    }

    public Task PauseReplayAsync() => ExecuteAsync(StandbySuperuser, "SELECT pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => ExecuteAsync(StandbySuperuser, "SELECT pg_wal_replay_resume()");

    /// <summary>Waits until the standby has replayed everything the primary has written so far (set-up made directly in the database).</summary>
    public async Task WaitForReplayAsync()
    {
        var target = await PositionAsync(Primary.SuperuserConnectionString(), "SELECT pg_current_wal_insert_lsn()");
        for (var i = 0; i < 600 && await PositionAsync(StandbySuperuser, "SELECT pg_last_wal_replay_lsn()") < target; i++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>The primary's log position and the standby's replay position, in bytes.</summary>
    public async Task<(ulong Primary, ulong Replayed)> PositionsAsync() =>
        (await PositionAsync(Primary.SuperuserConnectionString(), "SELECT pg_current_wal_insert_lsn()"), await PositionAsync(StandbySuperuser, "SELECT pg_last_wal_replay_lsn()"));

    private string StandbySuperuser =>
        new NpgsqlConnectionStringBuilder(Primary.SuperuserConnectionString()) { Port = StandbyPort, Pooling = false }.ConnectionString;

    private async Task WaitForStandbyAsync()
    {
        for (var i = 0; ; i++)
        {
            try
            {
                await ExecuteAsync(StandbySuperuser, "SELECT 1");
                return;
            }
            catch (NpgsqlException) when (i < 200)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task<ulong> PositionAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>An API host on <see cref="StandbyCluster"/>: commands on the primary, <c>CatalogRead</c> on the standby.</summary>
public sealed class StandbyApiFactory(StandbyCluster cluster) : CatalogApiFactory
{
    private Action<IServiceCollection> _services = _ => { };

    /// <summary>Services of this host only (test hooks), set before the host is built.</summary>
    public StandbyApiFactory WithServices(Action<IServiceCollection> services)
    {
        _services += services;
        return this;
    }

    public override Task InitializeAsync()
    {
        ConnectionString = cluster.OwnerConnectionString;
        WithSetting("ConnectionStrings:CatalogRead", cluster.StandbyAppConnectionString);
        WithSetting("Database:ReplicaMaxWaitMs", "2000");
        WithSetting("Database:ReplicaRetrySeconds", "1");
        WithSetting("Caching:ServerCacheEnabled", "false");
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(_services);
    }
}
