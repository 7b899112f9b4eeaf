namespace Catalog.Infrastructure.Observability;

/// <summary>
/// The name of a connection pool in Npgsql's metrics (db.client.connection.pool.name) instead of its connection string
/// (host, port, user and database): catalog-write and catalog-read, or, when the connection string names the
/// application, that name with -write or -read.
/// </summary>
public static class PoolNames
{
    public const string Write = "catalog-write";
    public const string Read = "catalog-read";

    public static string For(string? applicationName, string side) =>
        string.IsNullOrEmpty(applicationName) || applicationName == side ? side : $"{applicationName}-{side["catalog-".Length..]}";
}
