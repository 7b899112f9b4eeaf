namespace Catalog.Application.DatabaseHealth;

/// <summary>Reads the database's statistics through the health views (the primary) and the replication state (the read side).</summary>
public interface IDatabaseHealthReader
{
    Task<DatabaseHealthResponse> ReadAsync(CancellationToken cancellationToken);
}
