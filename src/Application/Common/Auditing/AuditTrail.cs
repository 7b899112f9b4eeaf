namespace Catalog.Application.Common.Auditing;

internal sealed class AuditTrail : IAuditTrail
{
    private readonly List<AuditEntry> _pending = [];

    public IReadOnlyList<AuditEntry> Pending => _pending;

    public void Record(AuditEntry entry) => _pending.Add(entry);

    public void Clear() => _pending.Clear();
}
