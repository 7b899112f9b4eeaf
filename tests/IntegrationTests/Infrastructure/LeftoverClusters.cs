using Catalog.DevelopmentDatabase.LocalPostgres;

namespace Catalog.IntegrationTests.Infrastructure;

/// <summary>
/// Deletes the throwaway clusters (<c>catalog-tests-*</c> in the temp folder) that earlier test runs left behind. A run
/// removes its cluster when its process exits, but a test host that is killed first (the runner ends it, a crash, a
/// cancelled run) leaves about 2 GB behind each time: 227 of them filled this machine's disk on 2026-12-07. A folder is
/// left alone while its postmaster runs (another run is using it) or while another process holds its start lock (that
/// run is creating it), and for ten minutes after it was last written to (a run that has not taken the lock yet).
/// </summary>
internal static class LeftoverClusters
{
    public const string Prefix = "catalog-tests-";

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>Deletes the leftovers under <paramref name="root"/>; returns the folders deleted.</summary>
    public static IReadOnlyList<string> Sweep(string root, DateTime utcNow)
    {
        var deleted = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            try
            {
                if (utcNow - Directory.GetLastWriteTimeUtc(folder) < Grace || PostmasterRuns(folder) || !TryHoldStartLock(folder, out var startLock))
                {
                    continue;
                }

                using (startLock)
                {
                    Directory.Delete(folder, recursive: true);
                }

                deleted.Add(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run's folder, or one being deleted by its own run right now: not ours to insist on.
            }
        }

        return deleted;
    }

    private static bool PostmasterRuns(string folder)
    {
        var pidFile = new ClusterLayout(folder).PidFile;
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        return !int.TryParse(firstLine, out var pid) || Directory.Exists($"/proc/{pid}");
    }

    private static bool TryHoldStartLock(string folder, out FileStream? startLock)
    {
        startLock = null;
        var path = new ClusterLayout(folder).LockFile;
        if (!File.Exists(path))
        {
            return true;
        }

        try
        {
            // The cluster's starter (StartLock) holds this file with FileShare.None (an exclusive flock) while it creates the cluster.
            startLock = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
