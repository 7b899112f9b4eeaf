using Catalog.Application.Common.Auditing;
using Catalog.Application.Common.Concurrency;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;

namespace Catalog.Application.Common.Commands;

/// <summary>
/// The one skeleton of a command that changes an existing aggregate: load → not found → guard → If-Match → snapshot →
/// change → save → audit diff. The audit entry is <c>{resource}.{action}</c> with the before/after of every field
/// <see cref="AuditSnapshot"/> sees change, so no handler lists the audited fields.
/// </summary>
internal sealed class AggregateChange(IUnitOfWork unitOfWork, IAuditTrail audit)
{
    /// <param name="aggregate">The loaded aggregate, tracked; null answers <c>{resource}.not_found</c>.</param>
    /// <param name="id">The id the caller asked for (for the not-found message).</param>
    /// <param name="expected">The If-Match rule of this write.</param>
    /// <param name="action">The audit action's verb: <c>updated</c>, <c>deleted</c>, <c>restored</c>, ...</param>
    /// <param name="change">The domain change itself, with whatever lookups it needs; a failure changes nothing.</param>
    /// <param name="guard">A check that comes before If-Match (who may change it), when there is one.</param>
    /// <param name="entry">Adjusts the audit entry (another action, a status code, metadata), when needed.</param>
    public async Task<Result<T>> ApplyAsync<T>(
        Task<T?> aggregate,
        Guid id,
        ExpectedVersion expected,
        string action,
        Func<T, Task<Result>> change,
        CancellationToken cancellationToken,
        Func<T, Result>? guard = null,
        Func<AuditEntry, AuditEntry>? entry = null)
        where T : AggregateRoot
    {
        var resource = ResourceType<T>();
        var target = await aggregate;
        if (target is null)
        {
            return Error.NotFound(resource, id);
        }

        var allowed = guard?.Invoke(target) ?? Result.Success();
        if (allowed.IsFailure)
        {
            return allowed.Error!;
        }

        var precondition = expected.Check(target);
        if (precondition.IsFailure)
        {
            return precondition.Error!;
        }

        var before = AuditSnapshot.Of(target);
        var changed = await change(target);
        if (changed.IsFailure)
        {
            return changed.Error!;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        var audited = new AuditEntry($"{resource}.{action}", resource, target.Id, AuditChanges.Diff(before, AuditSnapshot.Of(target)));
        audit.Record(entry is null ? audited : entry(audited));
        return target;
    }

    /// <inheritdoc cref="ApplyAsync{T}(Task{T}, Guid, ExpectedVersion, string, Func{T, Task{Result}}, CancellationToken, Func{T, Result}?, Func{AuditEntry, AuditEntry}?)"/>
    public Task<Result<T>> ApplyAsync<T>(
        Task<T?> aggregate,
        Guid id,
        ExpectedVersion expected,
        string action,
        Func<T, Result> change,
        CancellationToken cancellationToken,
        Func<T, Result>? guard = null,
        Func<AuditEntry, AuditEntry>? entry = null)
        where T : AggregateRoot =>
        ApplyAsync(aggregate, id, expected, action, t => Task.FromResult(change(t)), cancellationToken, guard, entry);

    /// <summary>The resource name of an aggregate in audit entries and errors: <c>Brand</c> → <c>brand</c>.</summary>
    public static string ResourceType<T>() => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(T).Name);
}
