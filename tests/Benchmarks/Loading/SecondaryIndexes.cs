using Npgsql;

namespace Catalog.Benchmarks.Loading;

/// <summary>Indexes not backing a constraint: dropped before a bulk load, rebuilt from their definitions after it.</summary>
internal static class SecondaryIndexes
{
    private const string Query = """
        SELECT i.relname, pg_get_indexdef(i.oid)
          FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class t ON t.oid = x.indrelid
         WHERE t.relnamespace = 'public'::regnamespace
           AND t.relname = ANY (@tables)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
         ORDER BY i.relname
        """;

    public static async Task<List<(string Name, string Definition)>> DropAsync(NpgsqlConnection connection, string[] tables)
    {
        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(Query, connection))
        {
            command.Parameters.AddWithValue("tables", tables);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await LoadCommand.ExecuteAsync(connection, $"DROP INDEX public.\"{name}\"");
        }

        return indexes;
    }

    /// <summary>Two builds at a time (one per core), biggest tables first.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, List<(string Name, string Definition)> indexes)
    {
        var queue = new Queue<(string Name, string Definition)>(indexes
            .OrderBy(i => i.Definition.Contains(" ON public.audit_logs ", StringComparison.Ordinal) ? 0 : 1));
        var gate = new Lock();
        async Task Worker()
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await LoadCommand.ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
            while (true)
            {
                (string Name, string Definition) next;
                lock (gate)
                {
                    if (!queue.TryDequeue(out next))
                    {
                        return;
                    }
                }

                await LoadCommand.ExecuteAsync(connection, next.Definition);
            }
        }

        await Task.WhenAll(Worker(), Worker());
    }
}
