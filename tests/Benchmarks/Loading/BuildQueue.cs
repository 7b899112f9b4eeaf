using Npgsql;

namespace Catalog.Benchmarks.Loading;

/// <summary>
/// The load's post-COPY work (index builds, VACUUM, ANALYZE) as one queue, heaviest first, served by every connection
/// that has finished its COPY: the audit connection starts on the audit indexes while products are still loading, and
/// the two catalog connections join when reviews are done. Work is added by producers; workers stop when the queue is
/// empty and every producer has completed.
/// </summary>
internal sealed class BuildQueue(int producers)
{
    private readonly Lock _gate = new();
    private readonly List<(string Name, string Sql, long Weight)> _items = [];
    private int _producers = producers;

    public void Add(IEnumerable<(string Name, string Sql, long Weight)> items)
    {
        lock (_gate)
        {
            _items.AddRange(items);
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _producers--;
        }
    }

    /// <summary>Serves the queue on this connection until it is empty and no producer is left.</summary>
    public async Task WorkAsync(NpgsqlConnection connection)
    {
        await LoadCommand.ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        await LoadCommand.ExecuteAsync(connection, "SET max_parallel_maintenance_workers = 1");
        while (true)
        {
            (string Name, string Sql, long Weight)? next = null;
            lock (_gate)
            {
                if (_items.Count > 0)
                {
                    var heaviest = _items.MaxBy(i => i.Weight);
                    _items.Remove(heaviest);
                    next = heaviest;
                }
                else if (_producers == 0)
                {
                    return;
                }
            }

            if (next is { } job)
            {
                await LoadCommand.TimedStatement(connection, job.Name, job.Sql);
            }
            else
            {
                await Task.Delay(100);
            }
        }
    }
}
