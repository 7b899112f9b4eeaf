using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>One starter per cluster folder at a time: an exclusive lock on <c>cluster.lock</c>.</summary>
internal static class StartLock
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<FileStream> AcquireAsync(ClusterLayout layout, ILogger logger, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var logged = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock (flock) on Unix. The integration tests' sweep of
                // leftover clusters (LeftoverClusters) relies on it too.
                return new FileStream(layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (stopwatch.Elapsed < Timeout)
            {
                if (!logged)
                {
                    logger.LogInformation("Waiting for another process starting local PostgreSQL in {DataDirectory} ({Reason})", layout.Root, ex.Message);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }
    }
}
