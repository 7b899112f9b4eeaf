using Catalog.Domain.Common;

namespace Catalog.Application.Common.Concurrency;

/// <summary>
/// Optimistic concurrency for PUT/PATCH/DELETE: the client echoes the ETag (the row's xmin) in <c>If-Match</c>.
/// The web layer passes null when the header is absent and 0 (never a row version) when it cannot be parsed.
/// </summary>
public static class IfMatch
{
    public static Result Check(uint? expected, uint current)
    {
        if (expected is null)
        {
            return new Error("precondition_required", "This request must carry an If-Match header with the resource's current ETag.", ErrorType.PreconditionRequired);
        }

        return expected.Value == current ? Result.Success() : Stale();
    }

    /// <summary>For requests where If-Match is optional (restores, moves): checked only when the client sent it.</summary>
    public static Result CheckWhenSent(uint? expected, uint current) =>
        expected is null || expected.Value == current ? Result.Success() : Stale();

    public static Error Stale() =>
        new("precondition_failed", "The resource has changed since it was read; fetch it again and retry with its new ETag.", ErrorType.PreconditionFailed);
}
