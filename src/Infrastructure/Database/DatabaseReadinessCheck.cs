using Catalog.Application.Common.Persistence;
using Npgsql;

namespace Catalog.Infrastructure.Database;

/// <summary>The database answers a <c>SELECT 1</c> within 3 seconds and has no pending migration (checked until it has none).</summary>
internal sealed class DatabaseReadinessCheck(NpgsqlDataSource dataSource, DatabaseMigrator migrator) : IDatabaseReadiness
{
    private volatile bool _migrated;

    public async Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            if (!_migrated)
            {
                _migrated = await migrator.IsUpToDateAsync(timeout.Token);
                if (!_migrated)
                {
                    return DatabaseReadiness.MigrationsPending;
                }
            }

            return DatabaseReadiness.Ready;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return DatabaseReadiness.Unreachable;
        }
    }
}
