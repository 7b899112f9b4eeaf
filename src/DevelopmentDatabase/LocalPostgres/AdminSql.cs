using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>Administrative statements (DDL, which takes no parameters): quoting, execution, retry while a database is busy.</summary>
internal static class AdminSql
{
    private const int CommandTimeoutSeconds = 300;
    private const int MaxIdentifierBytes = 63;
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(15);
    private static readonly NpgsqlCommandBuilder Quoting = new();

    /// <summary>
    /// A quoted identifier (Npgsql's <see cref="NpgsqlCommandBuilder.QuoteIdentifier"/>). Refused rather than quoted:
    /// NUL, which PostgreSQL cannot store, and names over 63 bytes, which it would silently truncate.
    /// </summary>
    public static string Identifier(string identifier, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier, parameterName);
        if (identifier.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL identifier cannot contain NUL characters.", parameterName);
        }

        if (Encoding.UTF8.GetByteCount(identifier) > MaxIdentifierBytes)
        {
            throw new ArgumentException($"PostgreSQL identifiers are limited to {MaxIdentifierBytes} bytes: '{identifier}'.", parameterName);
        }

        return Quoting.QuoteIdentifier(identifier);
    }

    /// <summary>A string literal (or <c>NULL</c>) quoted by the server itself (<c>quote_nullable</c>), for a DDL statement.</summary>
    public static async Task<string> LiteralAsync(NpgsqlConnection connection, string? value, string parameterName, CancellationToken ct)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL string cannot contain NUL characters.", parameterName);
        }

        await using var command = new NpgsqlCommand("SELECT pg_catalog.quote_nullable($1::text)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)value ?? DBNull.Value });
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, string parameter, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
        command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync(ct);
        return value is DBNull ? null : value;
    }

    /// <summary>Runs <paramref name="sql"/>, retrying for a short while when a database it needs is "being accessed by other users".</summary>
    public static async Task ExecuteRetryingWhileInUseAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await ExecuteAsync(connection, sql, ct);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && stopwatch.Elapsed < BusyTimeout)
            {
                // A connection was returned to a pool meanwhile.
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    /// <summary>The database to hold the administrative connection in: "postgres", unless that is one being operated on.</summary>
    public static string AdminDatabaseFor(params string[] databases) =>
        databases.Contains("postgres", StringComparer.Ordinal) ? "template1" : "postgres";
}
