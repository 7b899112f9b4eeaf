using Catalog.IntegrationTests.Infrastructure;
using Npgsql;
using static Catalog.IntegrationTests.Jobs.JobsTestSupport;

namespace Catalog.IntegrationTests.Hardening;

/// <summary>
/// Migration 7800 revokes CREATE on schema public from PUBLIC (ADR-078). PostgreSQL 15 no longer grants it in a new
/// database, so the test first gives it back as a cluster upgraded from 14, or a loosened template, would have it.
/// </summary>
public sealed class PublicSchemaCreateTests
{
    [Fact]
    public async Task AfterMigrating_NeitherTheAppRoleNorAFreshRole_CanCreateInPublic_EvenWhereTheServerDefaultAllowedIt()
    {
        var server = await PostgresServer.InstanceAsync();
        var owner = await server.CreateEmptyDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(owner).Database!;
        var fresh = "fresh_" + Guid.NewGuid().ToString("N")[..12];
        const string FreshPassword = "fresh-role-password";
        var superuser = server.SuperuserConnectionString(database);
        await ExecuteAsync(superuser, "GRANT CREATE ON SCHEMA public TO PUBLIC");
        await ExecuteAsync(superuser, $"CREATE ROLE {fresh} LOGIN PASSWORD '{FreshPassword}'");
        try
        {
            var freshConnection = new NpgsqlConnectionStringBuilder(owner) { Username = fresh, Password = FreshPassword, Pooling = false }.ConnectionString;
            var appConnection = new NpgsqlConnectionStringBuilder(PostgresServer.AppConnectionString(owner)) { Pooling = false }.ConnectionString;

            // The premise: before the migrations, any role may create a table in public.
            await ExecuteAsync(freshConnection, "CREATE TABLE public.premise (id integer); DROP TABLE public.premise");

            await PostgresServer.MigrateAsync(owner);

            foreach (var connection in new[] { appConnection, freshConnection })
            {
                foreach (var sql in new[] { "CREATE TABLE public.sneaky (id integer)", "CREATE TABLE sneaky (id integer)", "CREATE FUNCTION public.sneaky() RETURNS integer LANGUAGE sql AS 'SELECT 1'" })
                {
                    var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
                    Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
                }
            }

            Assert.False(await ScalarAsync<bool>(owner, "SELECT EXISTS (SELECT 1 FROM aclexplode((SELECT nspacl FROM pg_namespace WHERE nspname = 'public')) a WHERE a.grantee = 0 AND a.privilege_type = 'CREATE')"));

            // The app role still reads and writes what it is granted.
            Assert.Equal(0L, await ScalarAsync<long>(appConnection, "SELECT count(*) FROM brands"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(superuser, $"REVOKE ALL ON SCHEMA public FROM {fresh}; DROP OWNED BY {fresh}; DROP ROLE {fresh}");
        }
    }
}
