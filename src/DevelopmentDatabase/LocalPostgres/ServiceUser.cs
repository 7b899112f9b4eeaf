namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>
/// When this process is root, the server runs as the <c>postgres</c> OS user: it must exist, reach the cluster folder
/// and own what the server writes.
/// </summary>
internal static class ServiceUser
{
    public const string Name = "postgres";

    public static bool IsThisProcessRoot()
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

    /// <summary>Creates the cluster folder; as root, also hands it (and what the server writes) to the service user.</summary>
    public static async Task PrepareDirectoryAsync(ClusterLayout layout, bool runAsServiceUser, CancellationToken ct)
    {
        if (!runAsServiceUser || OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(layout.Root);
            return;
        }

        await EnsureExistsAsync(ct);

        // Existing parent folders must be traversable by the postgres user (checked, never changed);
        // the folders created here are made traversable.
        var created = new List<string>();
        var existing = layout.Root;
        while (!Directory.Exists(existing))
        {
            created.Add(existing);
            existing = Path.GetDirectoryName(existing) ?? throw new InvalidOperationException($"'{layout.Root}' has no existing root folder.");
        }

        await EnsureTraversableAsync(created.Count == 0 ? Path.GetDirectoryName(layout.Root) : existing, layout.Root, ct);

        Directory.CreateDirectory(layout.Root);
        foreach (var directory in created)
        {
            File.SetUnixFileMode(directory, File.GetUnixFileMode(directory) | UnixFileMode.OtherExecute);
        }

        await GiveAsync(layout.Root, ct);
        File.SetUnixFileMode(layout.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Directory.Exists(layout.DataPath))
        {
            await ProcessRunner.RunCheckedAsync("chown", ["-R", Name, layout.DataPath], ct);
        }

        if (File.Exists(layout.LogFile))
        {
            await GiveAsync(layout.LogFile, ct);
        }
    }

    /// <summary><c>chown postgres path</c>.</summary>
    public static Task GiveAsync(string path, CancellationToken ct) =>
        ProcessRunner.RunCheckedAsync("chown", [Name, path], ct);

    private static async Task EnsureExistsAsync(CancellationToken ct)
    {
        var result = await ProcessRunner.RunAsync("id", ["-u", Name], workingDirectory: null, ProcessRunner.DefaultTimeout, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "This process runs as root, and PostgreSQL refuses to run as root, so the local PostgreSQL cluster is run as the "
                + $"'{Name}' OS user — but no such user exists. Create it (Debian/Ubuntu: `useradd --system --user-group "
                + $"--home-dir /var/lib/postgresql --shell /bin/bash {Name}`; installing the `postgresql` package also creates it), "
                + "run as a non-root user, or set ConnectionStrings:Catalog to an existing PostgreSQL database.");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static async Task EnsureTraversableAsync(string? folder, string clusterRoot, CancellationToken ct)
    {
        for (var directory = folder; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if ((File.GetUnixFileMode(directory) & UnixFileMode.OtherExecute) != 0)
            {
                continue;
            }

            // The mode bits say no; the postgres user may still get in (owner or group). Ask the system.
            var probe = await ProcessRunner.RunAsync("runuser", ["-u", Name, "--", "test", "-x", directory], workingDirectory: "/", ProcessRunner.DefaultTimeout, ct);
            if (probe.ExitCode == 0)
            {
                continue;
            }

            throw new InvalidOperationException(
                $"The local PostgreSQL folder '{clusterRoot}' is not reachable by the '{Name}' OS user, because '{directory}' "
                + "is not traversable by other users. This process runs as root and PostgreSQL refuses to run as root, so the server runs as "
                + $"'{Name}'. Make the folder traversable (`chmod o+x {directory}`) or put the data directory somewhere "
                + "every parent folder is traversable (for example under /tmp or /var/lib).");
        }
    }
}
