using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Catalog.Infrastructure.Persistence.Migrations;

/// <summary>One repeatable script: the view or function it creates, its SQL and the SHA-256 of that SQL.</summary>
internal sealed record RepeatableScript(string Name, string ObjectType, string ObjectName, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>
/// Repeatable SQL objects (ADR-083), as Flyway's repeatable migrations: each view or read-side function has one
/// canonical file in Persistence/Migrations/Sql/Repeatable whose first line names it (<c>-- repeatable: view v_x</c>
/// or <c>-- repeatable: function f(text, integer)</c>). After the versioned migrations, the scripts are applied in name
/// order from the first one whose text changed, which is new, or whose object is missing (a migration dropped it to
/// change a table): the objects of that script and of every later one are dropped in reverse order (dependents first,
/// no CASCADE: an object outside this set that depends on one fails the run instead of vanishing), then created in
/// order, so a view may drop or rename columns. schema_repeatables (migration 9000) records each script's checksum;
/// nothing happens while it does not exist (a database below 9000). One transaction, under an advisory lock.
/// </summary>
internal static partial class RepeatableScripts
{
    private const string ResourceFolder = ".Persistence.Migrations.Sql.Repeatable.";
    private const long LockKey = 0x43617461_6C6F6752; // "CatalogR"

    public static IReadOnlyList<RepeatableScript> Load()
    {
        var assembly = typeof(RepeatableScripts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(ResourceFolder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return Parse(n[(n.IndexOf(ResourceFolder, StringComparison.Ordinal) + ResourceFolder.Length)..], reader.ReadToEnd());
            })
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static RepeatableScript Parse(string name, string sql)
    {
        var header = Header().Match(sql);
        return header.Success
            ? new RepeatableScript(name, header.Groups[1].Value, header.Groups[2].Value.Trim(), sql)
            : throw new InvalidOperationException($"Repeatable script '{name}' must start with '-- repeatable: view <name>' or '-- repeatable: function <name>(<argument types>)'.");
    }

    /// <summary>Applies the embedded scripts to the database of <paramref name="ownerConnectionString"/>; returns how many ran.</summary>
    public static Task<int> ApplyAsync(string ownerConnectionString, CancellationToken cancellationToken) =>
        ApplyAsync(ownerConnectionString, Load(), cancellationToken);

    public static async Task<int> ApplyAsync(string ownerConnectionString, IReadOnlyList<RepeatableScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT to_regclass('public.schema_repeatables') IS NOT NULL", transaction: transaction, cancellationToken: cancellationToken)))
        {
            return 0;
        }

        var applied = (await connection.QueryAsync<Applied>(new CommandDefinition(
                "SELECT script AS Script, object_type AS ObjectType, object_name AS ObjectName, checksum AS Checksum FROM schema_repeatables",
                transaction: transaction, cancellationToken: cancellationToken)))
            .ToDictionary(a => a.Script, StringComparer.Ordinal);
        var first = scripts.Count;
        for (var i = 0; i < scripts.Count; i++)
        {
            if (!applied.TryGetValue(scripts[i].Name, out var row) || row.Checksum != scripts[i].Checksum
                || !await ExistsAsync(connection, transaction, scripts[i].ObjectType, scripts[i].ObjectName, cancellationToken))
            {
                first = i;
                break;
            }
        }

        var names = scripts.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var removed = applied.Values.Where(a => !names.Contains(a.Script)).ToList();
        if (first == scripts.Count && removed.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var rerun = scripts.Skip(first).ToList();
        var drops = removed.Select(a => (a.Script, a.ObjectType, a.ObjectName))
            .Concat(rerun.Where(s => applied.ContainsKey(s.Name)).Select(s => (Script: s.Name, applied[s.Name].ObjectType, applied[s.Name].ObjectName)))
            .Concat(rerun.Select(s => (Script: s.Name, s.ObjectType, s.ObjectName)))
            .Distinct()
            .OrderByDescending(d => d.Script, StringComparer.Ordinal);
        foreach (var (_, type, objectName) in drops)
        {
            await Execute(connection, transaction, $"DROP {Keyword(type)} IF EXISTS {objectName}", null, cancellationToken);
        }

        await Execute(connection, transaction, "DELETE FROM schema_repeatables WHERE NOT script = ANY (@Names)", new { Names = names.ToArray() }, cancellationToken);
        foreach (var script in rerun)
        {
            await Execute(connection, transaction, script.Sql, null, cancellationToken);
            await Execute(connection, transaction, """
                INSERT INTO schema_repeatables (script, object_type, object_name, checksum, applied_at)
                VALUES (@Name, @ObjectType, @ObjectName, @Checksum, now())
                ON CONFLICT (script) DO UPDATE
                   SET object_type = excluded.object_type, object_name = excluded.object_name,
                       checksum = excluded.checksum, applied_at = excluded.applied_at
                """, new { script.Name, script.ObjectType, script.ObjectName, script.Checksum }, cancellationToken);
            if (script.ObjectType == "view")
            {
                // The owner's default privileges grant the application role INSERT/UPDATE/DELETE on new "tables", views
                // included, and a simple view is updatable with its owner's rights: through v_audit_logs the role could
                // rewrite the append-only audit trail. Views are read-only to it (ADR-070).
                await Execute(connection, transaction, $"""
                    DO $$
                    BEGIN
                        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'catalog_app') THEN
                            REVOKE ALL ON {script.ObjectName} FROM catalog_app;
                            GRANT SELECT ON {script.ObjectName} TO catalog_app;
                        END IF;
                    END;
                    $$
                    """, null, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return rerun.Count;
    }

    private static string Keyword(string objectType) => objectType == "view" ? "VIEW" : "FUNCTION";

    private static Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string type, string name, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            type == "view" ? "SELECT to_regclass(@Name) IS NOT NULL" : "SELECT to_regprocedure(@Name) IS NOT NULL",
            new { Name = name }, transaction, cancellationToken: cancellationToken));

    private static Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, object? parameters, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, commandTimeout: 3600, cancellationToken: cancellationToken));

    [GeneratedRegex(@"\A--\s*repeatable:\s*(view|function)\s+([^\r\n]+)")]
    private static partial Regex Header();

    private sealed record Applied(string Script, string ObjectType, string ObjectName, string Checksum);
}
