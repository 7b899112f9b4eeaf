using Catalog.Infrastructure.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Connections for the maintenance jobs: VACUUM, REINDEX and partition DDL need the table owner, so they use
/// <c>Jobs:MaintenanceConnectionString</c> (default: the owner's <c>ConnectionStrings:CatalogOwner</c>, ADR-070). Each connection is in
/// autocommit mode (VACUUM and REINDEX CONCURRENTLY cannot run in a transaction block) and carries the
/// lock_timeout and statement_timeout guards.
/// </summary>
internal sealed class MaintenanceDatabase(IOptions<JobsOptions> options, CatalogConnectionStrings connectionStrings)
{
    public string ConnectionString => string.IsNullOrWhiteSpace(options.Value.MaintenanceConnectionString)
        ? connectionStrings.Owner
        : options.Value.MaintenanceConnectionString;

    public TimeSpan LockTimeout => options.Value.LockTimeout;

    public TimeSpan StatementTimeout => options.Value.StatementTimeout;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            ApplicationName = "catalog-maintenance",
            // The server-side statement_timeout is the guard; the client waits a little longer so it sees the server's error.
            CommandTimeout = (int)Math.Min(int.MaxValue, StatementTimeout.TotalSeconds + 30),
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(GuardsSql(LockTimeout, StatementTimeout, local: false), connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    /// <summary>The SET statements of the guards (SET LOCAL inside a transaction).</summary>
    public static string GuardsSql(TimeSpan lockTimeout, TimeSpan statementTimeout, bool local)
    {
        var scope = local ? "SET LOCAL" : "SET";
        return $"{scope} lock_timeout = {(long)lockTimeout.TotalMilliseconds}; {scope} statement_timeout = {(long)statementTimeout.TotalMilliseconds};";
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A double-quoted identifier, for names read from the catalog.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
