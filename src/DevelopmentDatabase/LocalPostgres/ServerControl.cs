using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary><c>pg_ctl</c> on one data directory: is it running, start it (finding another port if its own is taken), stop it.</summary>
internal sealed class ServerControl(ClusterLayout layout, PostgresTools tools, ServerLog log, ILogger logger)
{
    private const int MaxPortAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    public async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        // pg_ctl status: 0 = running, 3 = not running, 4 = no accessible data directory.
        var result = await tools.RunAsync("pg_ctl", ["status", "-D", layout.DataPath], ProcessRunner.DefaultTimeout, ct);
        return result.ExitCode == 0;
    }

    /// <summary>
    /// <c>pg_ctl start</c> on <paramref name="port"/>. When that port is taken and <paramref name="portIsFixed"/> is
    /// false, tries a free one instead (recording it); returns the port the server listens on.
    /// </summary>
    public async Task<int> StartAsync(int port, bool portIsFixed, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            log.ResetIfLarge();
            var logOffset = log.Length();
            var portOption = string.Create(CultureInfo.InvariantCulture, $"-p {port}");
            var result = await tools.RunAsync(
                "pg_ctl",
                ["start", "-D", layout.DataPath, "-l", log.Path, "-w", "-t", "60", "-o", portOption],
                StartTimeout,
                ct);
            if (result.ExitCode == 0)
            {
                return port;
            }

            var portTaken = log.ReadFrom(logOffset).Contains("Address already in use", StringComparison.Ordinal);
            if (portTaken && !portIsFixed && attempt < MaxPortAttempts)
            {
                var previousPort = port;
                port = FindFreePort();
                logger.LogWarning("Port {PreviousPort} is in use; starting local PostgreSQL on port {Port} instead", previousPort, port);
                await ClusterConfiguration.RecordPortAsync(layout, port, ct);
                continue;
            }

            throw new InvalidOperationException(
                $"Could not start the local PostgreSQL server in '{layout.DataPath}' on port {port}. {result.Describe()}\n{log.Tail()}");
        }
    }

    /// <summary><c>pg_ctl stop -m <paramref name="mode"/></c> and wait; a server that is not running is not an error.</summary>
    public async Task StopAsync(string mode, int port, CancellationToken ct)
    {
        if (!Directory.Exists(layout.DataPath))
        {
            return;
        }

        var result = await tools.RunAsync("pg_ctl", ["stop", "-D", layout.DataPath, "-m", mode, "-w", "-t", "30"], ProcessRunner.DefaultTimeout, ct);
        if (result.ExitCode == 0)
        {
            logger.LogInformation("Local PostgreSQL on {Host}:{Port} stopped (data: {DataDirectory})", LocalPostgresCluster.Host, port, layout.Root);
            return;
        }

        if (!await IsRunningAsync(ct))
        {
            logger.LogDebug("Local PostgreSQL in {DataDirectory} was not running", layout.Root);
            return;
        }

        throw new InvalidOperationException($"Could not stop the local PostgreSQL server in '{layout.DataPath}'. {result.Describe()}");
    }

    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
