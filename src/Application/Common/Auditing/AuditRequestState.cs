namespace Catalog.Application.Common.Auditing;

/// <summary>
/// What the audit trail already wrote for the current request (scoped), so the web layer's failure recorder does not
/// write a second event for a failure that a handler already recorded through the security audit log.
/// </summary>
public sealed class AuditRequestState
{
    public int FailureEventsWritten { get; private set; }

    public void NoteWritten(int? statusCode)
    {
        if (statusCode is >= 400)
        {
            FailureEventsWritten++;
        }
    }
}
