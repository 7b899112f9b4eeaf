using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>
/// The files of a cluster folder: <c>data/</c> (the PostgreSQL data directory), <c>superuser.password</c> (mode 600),
/// <c>port</c>, <c>postgres.log</c>, <c>cluster.lock</c> and the Unix socket.
/// </summary>
internal sealed class ClusterLayout(string root)
{
    public const string PasswordFileName = "superuser.password";

    /// <summary>The cluster root (absolute, no trailing separator).</summary>
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>The PostgreSQL data directory.</summary>
    public string DataPath => Path.Combine(Root, "data");

    public string PasswordFile => Path.Combine(Root, PasswordFileName);

    public string PortFile => Path.Combine(Root, "port");

    public string LogFile => Path.Combine(Root, "postgres.log");

    public string LockFile => Path.Combine(Root, "cluster.lock");

    public string ConfigurationFile => Path.Combine(DataPath, "postgresql.conf");

    /// <summary>The running postmaster's <c>postmaster.pid</c> (absent while the server is stopped).</summary>
    public string PidFile => Path.Combine(DataPath, "postmaster.pid");

    public bool IsInitialized => File.Exists(Path.Combine(DataPath, "PG_VERSION"));

    public string ReadSuperuserPassword()
    {
        if (!File.Exists(PasswordFile))
        {
            throw new InvalidOperationException(
                $"The local PostgreSQL cluster in '{Root}' has no '{PasswordFileName}', so its superuser password is unknown. "
                + $"Stop any server running on it (`pg_ctl stop -D {DataPath}`) and delete '{Root}' to recreate the cluster.");
        }

        var password = File.ReadAllText(PasswordFile).Trim();
        if (password.Length == 0)
        {
            throw new InvalidOperationException($"'{PasswordFile}' is empty. Delete '{Root}' to recreate the local PostgreSQL cluster.");
        }

        return password;
    }

    public int? ReadRecordedPort()
    {
        try
        {
            if (File.Exists(PortFile)
                && int.TryParse(File.ReadAllText(PortFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
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

    /// <summary>The port of the running server, from <c>postmaster.pid</c>.</summary>
    public int? ReadPortFromPidFile()
    {
        // postmaster.pid: PID, data directory, start time, port, socket directory, listen address, shmem key, status.
        try
        {
            var lines = File.ReadAllLines(PidFile);
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

    public static async Task WriteSecretFileAsync(string path, string content, CancellationToken ct)
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

    /// <summary>Deletes <c>data/</c> when initdb left it half-made (no <c>PG_VERSION</c>).</summary>
    public void DeleteIncompleteDataDirectory()
    {
        if (Directory.Exists(DataPath) && !IsInitialized)
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }

    /// <summary>Deletes the whole cluster folder (a throwaway cluster, once stopped), retrying while files are busy.</summary>
    public async Task DeleteAsync(ILogger logger)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(Root))
                {
                    Directory.Delete(Root, recursive: true);
                    logger.LogDebug("Deleted throwaway PostgreSQL cluster folder {DataDirectory}", Root);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt >= 10)
                {
                    logger.LogWarning(ex, "Could not delete throwaway PostgreSQL cluster folder {DataDirectory}", Root);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }

    public static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
