using System.Threading.Channels;
using Npgsql;

namespace Catalog.Benchmarks.Loading;

/// <summary>
/// One generator, several COPY streams: PostgreSQL spends most of a product row's cost server-side (the generated
/// tsvector, jsonb parsing), so rows are dealt to <c>streams</c> connections, each running its own COPY.
/// </summary>
internal static class ParallelCopy
{
    public static async Task<ulong> RunAsync<T>(
        NpgsqlDataSource dataSource,
        IEnumerable<T> rows,
        int streams,
        Func<NpgsqlConnection, Task> prepare,
        Func<NpgsqlConnection, IEnumerable<T>, Task<ulong>> copy)
    {
        var channels = Enumerable.Range(0, streams).Select(_ => Channel.CreateBounded<T>(10_000)).ToArray();
        var consumers = channels.Select(channel => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await prepare(connection);
            return await copy(connection, channel.Reader.ReadAllAsync().ToBlockingEnumerable());
        })).ToArray();

        var producer = Task.Run(async () =>
        {
            var next = 0;
            foreach (var row in rows)
            {
                await channels[next].Writer.WriteAsync(row);
                next = (next + 1) % streams;
            }

            foreach (var channel in channels)
            {
                channel.Writer.Complete();
            }
        });

        await producer;
        ulong total = 0;
        foreach (var count in await Task.WhenAll(consumers))
        {
            total += count;
        }

        return total;
    }
}
