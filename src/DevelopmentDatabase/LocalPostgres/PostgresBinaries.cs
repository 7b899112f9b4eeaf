using System.Globalization;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>
/// Locates the PostgreSQL server binaries (<c>initdb</c>, <c>pg_ctl</c>, <c>postgres</c>) used by
/// <see cref="LocalPostgresCluster"/>.
/// </summary>
public static class PostgresBinaries
{
    private const string NotFoundMessage =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. "
        + "Install them (Debian/Ubuntu: `apt-get install postgresql`) or set ConnectionStrings:Catalog to an existing PostgreSQL database.";

    /// <summary>
    /// Returns the directory holding <c>initdb</c> and <c>pg_ctl</c>, or <see langword="null"/> when none is found.
    /// With <paramref name="overrideDirectory"/> only that directory is considered; otherwise PATH is searched
    /// (a directory containing both tools), then <c>/usr/lib/postgresql/*/bin</c> (highest version first),
    /// then <c>/usr/pgsql-*/bin</c> and <c>/usr/local/pgsql/bin</c>.
    /// </summary>
    public static string? TryFind(string? overrideDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(overrideDirectory))
        {
            var directory = Path.GetFullPath(overrideDirectory);
            return ContainsServerBinaries(directory) ? ResolveInstallationDirectory(directory) : null;
        }

        foreach (var directory in CandidateDirectories())
        {
            if (ContainsServerBinaries(directory))
            {
                return ResolveInstallationDirectory(Path.GetFullPath(directory));
            }
        }

        return null;
    }

    /// <summary>
    /// Like <see cref="TryFind"/>, but throws an <see cref="InvalidOperationException"/> explaining how to fix
    /// the problem when the binaries cannot be found.
    /// </summary>
    public static string Find(string? overrideDirectory = null)
    {
        var directory = TryFind(overrideDirectory);
        if (directory is not null)
        {
            return directory;
        }

        if (!string.IsNullOrWhiteSpace(overrideDirectory))
        {
            throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl) were not found in '{Path.GetFullPath(overrideDirectory)}' "
                + "(the configured PostgreSQL bin directory). Point it at the folder that contains initdb and pg_ctl "
                + "(Debian/Ubuntu: /usr/lib/postgresql/<version>/bin), remove the setting to search PATH and "
                + "/usr/lib/postgresql/*/bin, or set ConnectionStrings:Catalog to an existing PostgreSQL database.");
        }

        throw new InvalidOperationException(NotFoundMessage);
    }

    /// <summary>The file name of a PostgreSQL tool on the current platform (adds <c>.exe</c> on Windows).</summary>
    public static string ExecutableName(string tool) =>
        OperatingSystem.IsWindows() ? tool + ".exe" : tool;

    /// <summary>
    /// When pg_ctl is a symbolic link (e.g. /usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl), the real
    /// installation directory, provided it holds both tools; otherwise <paramref name="directory"/>.
    /// </summary>
    private static string ResolveInstallationDirectory(string directory)
    {
        try
        {
            var target = new FileInfo(Path.Combine(directory, ExecutableName("pg_ctl"))).ResolveLinkTarget(returnFinalTarget: true);
            var targetDirectory = target is null ? null : Path.GetDirectoryName(target.FullName);
            return targetDirectory is not null && ContainsServerBinaries(targetDirectory) ? targetDirectory : directory;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return directory;
        }
    }

    private static bool ContainsServerBinaries(string directory)
    {
        try
        {
            return File.Exists(Path.Combine(directory, ExecutableName("initdb")))
                && File.Exists(Path.Combine(directory, ExecutableName("pg_ctl")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        if (!string.IsNullOrEmpty(path))
        {
            foreach (var entry in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Path.IsPathFullyQualified(entry))
                {
                    yield return entry;
                }
            }
        }

        if (OperatingSystem.IsWindows())
        {
            yield break;
        }

        // Debian/Ubuntu (apt.postgresql.org and distribution packages): /usr/lib/postgresql/<version>/bin.
        foreach (var directory in VersionedDirectories("/usr/lib/postgresql", "*", static name => name))
        {
            yield return Path.Combine(directory, "bin");
        }

        // RHEL/Fedora PGDG packages: /usr/pgsql-<version>/bin.
        foreach (var directory in VersionedDirectories("/usr", "pgsql-*", static name => name["pgsql-".Length..]))
        {
            yield return Path.Combine(directory, "bin");
        }

        yield return "/usr/local/pgsql/bin";
    }

    /// <summary>Sub-directories of <paramref name="parent"/> matching <paramref name="pattern"/>, highest version first.</summary>
    private static IEnumerable<string> VersionedDirectories(string parent, string pattern, Func<string, string> versionPart)
    {
        string[] directories;
        try
        {
            directories = Directory.Exists(parent) ? Directory.GetDirectories(parent, pattern) : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            directories = [];
        }

        return directories
            .Select(directory => (Directory: directory, Version: ParseVersion(versionPart(Path.GetFileName(directory)))))
            .OrderByDescending(candidate => candidate.Version)
            .ThenByDescending(candidate => candidate.Directory, StringComparer.Ordinal)
            .Select(candidate => candidate.Directory);
    }

    private static Version ParseVersion(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            return new Version(major, 0);
        }

        return Version.TryParse(text, out var version) ? version : new Version(0, 0);
    }
}
