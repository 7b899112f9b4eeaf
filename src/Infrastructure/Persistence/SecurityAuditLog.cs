using Catalog.Application.Common.Auditing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Infrastructure.Persistence;

/// <summary>Writes a security event in a DbContext (and so a transaction) of its own, independent of the request's.</summary>
internal sealed class SecurityAuditLog(IServiceScopeFactory scopeFactory, AuditWriter requestWriter, AuditRequestState state) : ISecurityAuditLog
{
    public async Task RecordAsync(AuditEntry entry, int? statusCode = null, string? errorMessage = null, Guid? userId = null, CancellationToken cancellationToken = default)
    {
        var record = requestWriter.ToRecord(entry, statusCode ?? entry.StatusCode, errorMessage);
        if (userId is not null)
        {
            record = record.WithUser(userId.Value);
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        db.Set<AuditLogRecord>().Add(record);
        // Not the request's token: a client that disconnects must not erase the trace of what it attempted.
        await db.SaveChangesAsync(CancellationToken.None);
        state.NoteWritten(record.StatusCode);
        Application.Common.Observability.CatalogTelemetry.AuditRowsWritten(1, "security");
    }
}
