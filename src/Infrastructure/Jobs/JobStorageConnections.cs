using Hangfire.PostgreSql;
using Npgsql;

namespace Catalog.Infrastructure.Jobs;

/// <summary>
/// Hangfire's connections, from a data source of their own named <c>catalog-jobs</c>: in Npgsql's metrics the pool is
/// that name, not its connection string (host, port, user, database), as the write and read pools are (PoolNames).
/// </summary>
internal sealed class JobStorageConnections(string connectionString) : IConnectionFactory, IDisposable
{
    public const string PoolName = "catalog-jobs";

    private readonly NpgsqlDataSource _dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = PoolName }.Build();

    public NpgsqlConnection GetOrCreateConnection() => _dataSource.CreateConnection();

    public void Dispose() => _dataSource.Dispose();
}
