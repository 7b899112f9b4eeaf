using Catalog.Application.Common.Events;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Catalog.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Catalog.Infrastructure.Persistence;

internal sealed class UnitOfWork(
    CatalogDbContext db,
    AuditWriter auditWriter,
    IEnumerable<IDomainEventsCommittedHandler> committedHandlers,
    ILogger<UnitOfWork> logger,
    IWritePositionRecorder? writePositions = null) : IUnitOfWork
{
    private const string BatchSavepoint = "uow_batch";

    // Events of aggregates flushed by TryFlushBatchAsync and no longer tracked: published with the commit's own.
    private readonly List<IDomainEvent> flushedEvents = [];

    public async Task<TResult> ExecuteInTransactionAsync<TResult>(
        Func<CancellationToken, Task<TResult>> work,
        Func<TResult, bool> shouldCommit,
        CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        List<IDomainEvent> events;
        TResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // EF would wrap every SaveChanges in the transaction in SAVEPOINT/RELEASE (two more round trips per
            // write) so that a failed save could be retried in the same transaction. Nothing does that here: a failed
            // save fails the command and rolls everything back; the two places that undo part of a command (import
            // batches and rows) set their own savepoints.
            db.Database.AutoSavepointsEnabled = false;
            IdentityChangeAnnouncer.HoldUntilCommit();
            try
            {
                result = await work(cancellationToken);
                if (!shouldCommit(result))
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    db.ChangeTracker.Clear();
                    auditWriter.DiscardPending();
                    flushedEvents.Clear();
                    return result;
                }

                auditWriter.StageAll();
                events = [.. flushedEvents, .. CollectDomainEvents()];
                flushedEvents.Clear();
                await db.SaveChangesAsync(cancellationToken);
                await IdentityChangeAnnouncer.FlushAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                IdentityChangeAnnouncer.Release();
            }
            catch
            {
                db.ChangeTracker.Clear();
                auditWriter.DiscardPending();
                flushedEvents.Clear();
                throw;
            }
        }

        // Before the post-commit handlers evict the read cache: a read that refills it must already wait for this write.
        if (writePositions is not null)
        {
            await writePositions.RecordAsync(cancellationToken);
        }

        await PublishAsync(events, cancellationToken);
        return result;
    }

    public Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a command: the entries recorded so far go out in the same round trip as the change (a rollback
            // still discards them), instead of one more INSERT at the commit.
            auditWriter.StageAll();
        }

        return db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> TryFlushBatchAsync(CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("A batch flush needs the command's transaction.");
        await transaction.CreateSavepointAsync(BatchSavepoint, cancellationToken);
        auditWriter.StageAll();
        var events = CollectDomainEvents();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.ReleaseSavepointAsync(BatchSavepoint, cancellationToken);
            flushedEvents.AddRange(events);
            return true;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackToSavepointAsync(BatchSavepoint, cancellationToken);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private List<IDomainEvent> CollectDomainEvents()
    {
        var aggregates = db.ChangeTracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
        var events = aggregates.SelectMany(a => a.DomainEvents).ToList();
        aggregates.ForEach(a => a.ClearDomainEvents());
        return events;
    }

    // Published after the commit: a handler never sees a change that could still roll back.
    private async Task PublishAsync(List<IDomainEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var handler in committedHandlers)
        {
            try
            {
                await handler.OnCommittedAsync(events, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Post-commit handler {Handler} failed", handler.GetType().Name);
            }
        }
    }
}
