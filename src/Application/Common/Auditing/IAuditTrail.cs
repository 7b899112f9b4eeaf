namespace Catalog.Application.Common.Auditing;

/// <summary>One audit entry that a command records; it is written in the command's transaction.</summary>
public sealed record AuditEntry(
    string Action,
    string ResourceType,
    Guid? ResourceId,
    IReadOnlyDictionary<string, AuditChange>? Changes = null,
    IReadOnlyDictionary<string, object?>? Metadata = null)
{
    /// <summary>
    /// The HTTP status the command answers with. When null, a committed entry gets
    /// <see cref="AuditStatus.ForSuccess"/>: 201 for <c>*.created</c>, 204 for <c>*.deleted</c>, otherwise 200.
    /// </summary>
    public int? StatusCode { get; init; }

    /// <summary>
    /// The user the entry is about when the caller is not signed in yet (sign-in, registration, logout, a reset by
    /// token): recorded as <c>user_id</c> when the request has no authenticated user of its own.
    /// </summary>
    public Guid? UserId { get; init; }
}

/// <summary>The before and after of one changed field.</summary>
public sealed record AuditChange(object? Before, object? After);

/// <summary>Collects the audit entries of the current request; the unit of work writes them before it commits.</summary>
public interface IAuditTrail
{
    IReadOnlyList<AuditEntry> Pending { get; }

    void Record(AuditEntry entry);

    void Clear();
}
