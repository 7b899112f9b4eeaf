namespace Catalog.WebApi.Auditing;

/// <summary>
/// Which failed requests become audit events (docs/audit.md, ADR-041): on state-changing requests 401, 403, 409,
/// 412, 422 and 500; on back-office routes also 401 and 403 of reads. 400 (validation), 404, 428 and 429 are
/// not recorded: nothing was attempted against stored state, and recording them would let any client turn noise
/// (or a flood) into audit rows. <c>/api/v1/auth/**</c> is left to the identity handlers, which record sign-in
/// failures, lockouts and token reuse themselves.
/// </summary>
public static class AuditFailurePolicy
{
    private static readonly HashSet<string> BackOfficeResources = new(StringComparer.OrdinalIgnoreCase)
    {
        "users", "api-keys", "roles", "permissions", "audit-logs", "admin",
    };

    private static readonly HashSet<int> StateChangeFailures = [401, 403, 409, 412, 422, 500];

    public static bool IsStateChanging(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    public static bool ShouldRecord(string method, PathString path, int statusCode)
    {
        var segments = (path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || !segments[0].Equals("api", StringComparison.OrdinalIgnoreCase) || segments[2].Equals("auth", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (IsStateChanging(method))
        {
            return StateChangeFailures.Contains(statusCode);
        }

        return statusCode is 401 or 403 && BackOfficeResources.Contains(segments[2]);
    }
}
