namespace Catalog.Application.Common.Persistence;

public enum DatabaseReadiness
{
    Ready,
    Unreachable,
    MigrationsPending,
}

/// <summary>Whether the database answers and its schema is migrated (the readiness probe's port).</summary>
public interface IDatabaseReadiness
{
    Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken);
}
