using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Foundation;

public sealed class LeftoverClustersTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("leftover-sweep-").FullName;

    [Fact]
    public void Sweep_DeletesOnlyClustersNoRunIsUsing()
    {
        var old = DateTime.UtcNow.AddHours(-2);
        var stale = Folder("catalog-tests-stale001", old, lockFile: true);
        var running = Folder("catalog-tests-running1", old, lockFile: true, postmasterPid: Environment.ProcessId);
        var deadPid = Folder("catalog-tests-deadpid1", old, lockFile: true, postmasterPid: int.MaxValue);
        var locked = Folder("catalog-tests-locked01", old, lockFile: true);
        var fresh = Folder("catalog-tests-fresh001", DateTime.UtcNow, lockFile: false);
        var other = Folder("not-a-test-cluster", old, lockFile: false);

        using (new FileStream(Path.Combine(locked, "cluster.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var deleted = LeftoverClusters.Sweep(_root, DateTime.UtcNow);
            Assert.Equal([deadPid, stale], deleted.Order(StringComparer.Ordinal));
        }

        Assert.False(Directory.Exists(stale));
        Assert.False(Directory.Exists(deadPid));
        Assert.True(Directory.Exists(running), "a cluster whose postmaster runs belongs to another run");
        Assert.True(Directory.Exists(locked), "a cluster whose start lock is held is being created");
        Assert.True(Directory.Exists(fresh), "a cluster written to in the last minutes may not have taken its lock yet");
        Assert.True(Directory.Exists(other));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name, DateTime lastWriteUtc, bool lockFile, int? postmasterPid = null)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "PG_VERSION"), "15\n");
        if (lockFile)
        {
            File.WriteAllText(Path.Combine(folder, "cluster.lock"), string.Empty);
        }

        if (postmasterPid is { } pid)
        {
            File.WriteAllText(Path.Combine(folder, "data", "postmaster.pid"), $"{pid}\n{folder}/data\n");
        }

        Directory.SetLastWriteTimeUtc(folder, lastWriteUtc);
        return folder;
    }
}
