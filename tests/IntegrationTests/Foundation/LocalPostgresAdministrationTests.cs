using Catalog.IntegrationTests.Infrastructure;
using Npgsql;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>The development cluster's role and database administration quotes what it puts into DDL (ADR-089).</summary>
public sealed class LocalPostgresAdministrationTests
{
    [Fact]
    public async Task EnsureRoleAndDatabase_WithQuotesAndBackslashesInNamesAndPassword_CreateThemAndTheRoleSignsIn()
    {
        var server = await PostgresServer.InstanceAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var role = $"o'brien \"dev\" {suffix}";
        var database = $"db \"{suffix}\"; DROP";
        const string Password = "it's a \\\"secret\\\"; --";

        await server.Cluster.EnsureRoleAsync(role, Password, canLogin: true);
        await server.Cluster.EnsureRoleAsync(role, Password, canLogin: true);
        await server.Cluster.EnsureDatabaseAsync(database, role);
        try
        {
            await using var connection = new NpgsqlConnection(server.Cluster.ConnectionString(database, role, Password));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_user || '|' || current_database()", connection);

            Assert.Equal($"{role}|{database}", await command.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.Cluster.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task EnsureRole_WithANameOver63Bytes_IsRefusedRatherThanTruncated()
    {
        var server = await PostgresServer.InstanceAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => server.Cluster.EnsureRoleAsync(new string('r', 64), "password", canLogin: true));

        Assert.Equal("role", error.ParamName);
    }
}
