namespace Catalog.Application.Common.Auditing;

/// <summary>
/// Security events that must be kept even when the request fails or rolls back (a failed sign-in, a lockout,
/// refresh-token reuse, a 403): written at once on a connection of their own, outside any command transaction.
/// Events that accompany a successful change belong in <see cref="IAuditTrail"/> instead.
/// </summary>
public interface ISecurityAuditLog
{
    Task RecordAsync(AuditEntry entry, int? statusCode = null, string? errorMessage = null, Guid? userId = null, CancellationToken cancellationToken = default);
}
