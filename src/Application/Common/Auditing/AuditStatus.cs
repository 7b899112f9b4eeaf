namespace Catalog.Application.Common.Auditing;

/// <summary>The HTTP status a committed change is recorded with when its entry does not say.</summary>
public static class AuditStatus
{
    public static int ForSuccess(AuditEntry entry) => entry.StatusCode ?? ForSuccess(entry.Action);

    public static int ForSuccess(string action)
    {
        if (action.EndsWith(".created", StringComparison.Ordinal) || action.EndsWith(".registered", StringComparison.Ordinal))
        {
            return 201;
        }

        return action.EndsWith(".deleted", StringComparison.Ordinal) || action.EndsWith(".revoked", StringComparison.Ordinal) ? 204 : 200;
    }
}
