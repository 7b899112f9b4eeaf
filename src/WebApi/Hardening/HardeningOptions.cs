namespace Catalog.WebApi.Hardening;

/// <summary>Request size limits (<c>Limits:*</c>). Kestrel enforces them on the wire; see docs/operations.md.</summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Largest request body for ordinary (JSON) requests: 256 KB.</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest request body on <see cref="LargeBodyPaths"/> (bulk import): 20 MB.</summary>
    public long MaxImportBodyBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Paths (exact, case-insensitive) that accept <see cref="MaxImportBodyBytes"/>.</summary>
    public IList<string> LargeBodyPaths { get; } = ["/api/v1/products/import"];

    /// <summary>Total bytes of all request headers (Kestrel's MaxRequestHeadersTotalSize): 32 KB.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Number of request headers (Kestrel's MaxRequestHeaderCount).</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>Request line (method, target, version) in bytes (Kestrel's MaxRequestLineSize).</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;
}

/// <summary>Graceful stop (<c>Shutdown:*</c>): readiness turns 503, the load balancer notices, then in-flight requests drain.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>Seconds between readiness turning 503 and the server refusing new connections (5 outside Development, 0 in it).</summary>
    public int? DrainDelaySeconds { get; set; }

    /// <summary>Seconds the whole stop may take (drain delay + in-flight requests + background jobs) before it is forced.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
