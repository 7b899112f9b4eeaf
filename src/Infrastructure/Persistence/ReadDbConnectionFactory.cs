using System.Data.Common;
using Catalog.Application.Common.Persistence;
using Npgsql;

namespace Catalog.Infrastructure.Persistence;

/// <summary>The read side's data source, separate from the write side's so it can point at a replica.</summary>
public sealed class ReadDataSource(NpgsqlDataSource dataSource) : IDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public void Dispose() => DataSource.Dispose();
}

internal sealed class ReadDbConnectionFactory(ReadDataSource readDataSource) : IReadDbConnectionFactory
{
    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await readDataSource.DataSource.OpenConnectionAsync(cancellationToken);
}

/// <summary>With a replica: each read goes where <see cref="Replicas.ReplicaReadRouter"/> sends it (ADR-100).</summary>
internal sealed class RoutedReadDbConnectionFactory(Replicas.ReplicaReadRouter router) : IReadDbConnectionFactory
{
    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => router.OpenAsync(cancellationToken);
}
