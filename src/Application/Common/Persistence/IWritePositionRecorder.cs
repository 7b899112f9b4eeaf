namespace Catalog.Application.Common.Persistence;

/// <summary>
/// Read-your-writes on a replica (ADR-100): once a write has committed, records how far the primary's log has come, so
/// that every read that starts afterwards, on this instance or another, is served by a replica only once the replica
/// has replayed that far. Registered only when <c>ConnectionStrings:CatalogRead</c> names another server.
/// </summary>
public interface IWritePositionRecorder
{
    /// <summary>Whether this request (scope) has recorded a position since its last write.</summary>
    bool HasRecorded { get; }

    Task RecordAsync(CancellationToken cancellationToken);
}
