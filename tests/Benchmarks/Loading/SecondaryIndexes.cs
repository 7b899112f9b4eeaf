using Npgsql;

namespace Catalog.Benchmarks.Loading;

/// <summary>Indexes not backing a constraint: dropped before a bulk load, rebuilt from their definitions after it (<see cref="BuildQueue"/>).</summary>
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
                // An index of a partitioned table is defined "ON ONLY" the parent: without ONLY it is built on every partition.
                indexes.Add((reader.GetString(0), reader.GetString(1).Replace(" ON ONLY ", " ON ", StringComparison.Ordinal)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await LoadCommand.ExecuteAsync(connection, $"DROP INDEX public.\"{name}\"");
        }

        return indexes;
    }
}
