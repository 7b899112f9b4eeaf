using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.DevelopmentDatabase.LocalPostgres;

/// <summary>Roles and databases of a running cluster, as its superuser over unpooled connections.</summary>
internal sealed class ClusterAdministration(Func<string, string> superuserConnectionString, int port, ILogger logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the server accepts the superuser; returns its version.</summary>
    public async Task<Version> WaitUntilAcceptingAsync(ClusterLayout layout, ServerLog log, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = await OpenAsync("postgres", ct);
                return connection.PostgreSqlVersion;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
            {
                throw new InvalidOperationException(
                    $"The local PostgreSQL server on {LocalPostgresCluster.Host}:{port} rejected the superuser password stored in '{layout.PasswordFile}'. "
                    + $"Stop the server and delete '{layout.Root}' to recreate the cluster.",
                    ex);
            }
            catch (NpgsqlException ex) when (stopwatch.Elapsed >= ConnectTimeout)
            {
                throw new InvalidOperationException(
                    $"The local PostgreSQL server on {LocalPostgresCluster.Host}:{port} did not accept connections within {ConnectTimeout.TotalSeconds:0} s: {ex.Message}\n{log.Tail()}",
                    ex);
            }
            catch (NpgsqlException)
            {
                // Still starting up (57P03) or not listening yet: try again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    public async Task EnsureRoleAsync(string role, string password, bool canLogin, CancellationToken ct)
    {
        var quotedRole = AdminSql.Identifier(role, nameof(role));

        await using var connection = await OpenAsync("postgres", ct);
        var attributes = (canLogin ? "LOGIN" : "NOLOGIN") + " PASSWORD "
            + await AdminSql.LiteralAsync(connection, string.IsNullOrEmpty(password) ? null : password, nameof(password), ct);
        var exists = await AdminSql.ScalarAsync(connection, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", role, ct) is not null;
        if (!exists)
        {
            try
            {
                await AdminSql.ExecuteAsync(connection, $"CREATE ROLE {quotedRole} WITH {attributes}", ct);
                logger.LogInformation("Created PostgreSQL role {Role} on local cluster 127.0.0.1:{Port}", role, port);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                // Created concurrently by someone else: fall through and update it.
            }
        }

        await AdminSql.ExecuteAsync(connection, $"ALTER ROLE {quotedRole} WITH {attributes}", ct);
        logger.LogDebug("Updated PostgreSQL role {Role} on local cluster 127.0.0.1:{Port}", role, port);
    }

    public async Task EnsureDatabaseAsync(string database, string owner, CancellationToken ct)
    {
        var quotedDatabase = AdminSql.Identifier(database, nameof(database));
        var quotedOwner = AdminSql.Identifier(owner, nameof(owner));

        await using var connection = await OpenAsync(AdminSql.AdminDatabaseFor(database), ct);
        const string OwnerQuery = "SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database WHERE datname = $1";
        var currentOwner = await AdminSql.ScalarAsync(connection, OwnerQuery, database, ct) as string;
        if (currentOwner is null)
        {
            try
            {
                await AdminSql.ExecuteRetryingWhileInUseAsync(connection, $"CREATE DATABASE {quotedDatabase} OWNER {quotedOwner}", ct);
                logger.LogInformation("Created PostgreSQL database {Database} (owner {Owner}) on local cluster 127.0.0.1:{Port}", database, owner, port);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
            {
                currentOwner = await AdminSql.ScalarAsync(connection, OwnerQuery, database, ct) as string;
            }
        }

        if (!string.Equals(currentOwner, owner, StringComparison.Ordinal))
        {
            await AdminSql.ExecuteAsync(connection, $"ALTER DATABASE {quotedDatabase} OWNER TO {quotedOwner}", ct);
            logger.LogInformation("Changed owner of PostgreSQL database {Database} to {Owner}", database, owner);
        }
    }

    public async Task CreateDatabaseFromTemplateAsync(string database, string template, string owner, CancellationToken ct)
    {
        var sql = $"CREATE DATABASE {AdminSql.Identifier(database, nameof(database))} TEMPLATE {AdminSql.Identifier(template, nameof(template))} "
            + $"OWNER {AdminSql.Identifier(owner, nameof(owner))}";

        // Pooled (idle) connections to the template would make CREATE DATABASE fail.
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAsync(AdminSql.AdminDatabaseFor(database, template), ct);
        await AdminSql.ExecuteRetryingWhileInUseAsync(connection, sql, ct);
        logger.LogDebug("Created PostgreSQL database {Database} from template {Template}", database, template);
    }

    public async Task DropDatabaseAsync(string database, CancellationToken ct)
    {
        var quotedDatabase = AdminSql.Identifier(database, nameof(database));

        // Idle pooled connections would be terminated by FORCE and then fail on their next use.
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAsync(AdminSql.AdminDatabaseFor(database), ct);
        if (connection.PostgreSqlVersion.Major >= 13)
        {
            await AdminSql.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quotedDatabase} WITH (FORCE)", ct);
        }
        else
        {
            const string Terminate = "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND pid <> pg_catalog.pg_backend_pid()";
            await AdminSql.ScalarAsync(connection, Terminate, database, ct);
            await AdminSql.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {quotedDatabase}", ct);
        }

        logger.LogDebug("Dropped PostgreSQL database {Database}", database);
    }

    /// <summary>An unpooled superuser connection: administrative connections must not linger (they would block CREATE DATABASE … TEMPLATE).</summary>
    public async Task<NpgsqlConnection> OpenAsync(string database, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(superuserConnectionString(database));
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
