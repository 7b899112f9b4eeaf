namespace Catalog.Application.Common.Persistence;

/// <summary>
/// One database transaction around a command: the handler's changes, its audit entries and nothing else
/// commit together; domain events are published only after the commit.
/// </summary>
public interface IUnitOfWork
{
    Task<TResult> ExecuteInTransactionAsync<TResult>(
        Func<CancellationToken, Task<TResult>> work,
        Func<TResult, bool> shouldCommit,
        CancellationToken cancellationToken);

    /// <summary>Flushes tracked changes; inside a command it joins the command's transaction.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// For commands that write many rows (the bulk import): inside a savepoint, stages the pending audit entries,
    /// flushes the tracked changes and then forgets every tracked entity, so that the change tracker never grows
    /// with the size of the command. The flushed aggregates' domain events are kept and published after the commit
    /// (or dropped with a rollback). When the database refuses the flush, only the savepoint is undone, the pending
    /// audit entries and the tracked entities are dropped, and the result is false.
    /// </summary>
    Task<bool> TryFlushBatchAsync(CancellationToken cancellationToken);
}
