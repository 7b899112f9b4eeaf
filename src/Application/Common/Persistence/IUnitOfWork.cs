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
}
