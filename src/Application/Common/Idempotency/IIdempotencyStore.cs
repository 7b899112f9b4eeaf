namespace Catalog.Application.Common.Idempotency;

/// <summary>What is kept of a request answered under an Idempotency-Key (<see cref="IIdempotencyStore"/>).</summary>
public sealed record StoredResponse(string RequestHash, int? StatusCode, byte[]? Body, string? ContentType, string? Headers);

/// <summary>
/// One record per caller and Idempotency-Key: claimed before the work, completed with the response, released when the
/// work failed so that a retry may run again (ADR-076).
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>True when this request now owns (caller, key); false when another request holds or answered it.</summary>
    Task<bool> TryClaimAsync(string caller, string key, string method, string path, string hash, CancellationToken cancellationToken);

    Task<StoredResponse?> ReadAsync(string caller, string key, CancellationToken cancellationToken);

    Task CompleteAsync(string caller, string key, int status, byte[]? body, string? contentType, IReadOnlyDictionary<string, string> headers);

    /// <summary>Gives an unanswered claim up; a store that cannot be reached logs it and lets the record expire.</summary>
    Task ReleaseAsync(string caller, string key);
}
