namespace Catalog.Application.Common.Security;

/// <summary>Facts about the HTTP request behind a command, for the audit trail.</summary>
public interface IRequestContext
{
    string? RequestId { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }

    /// <summary>Time since the request arrived, or null outside a request (a job, a test without HTTP).</summary>
    TimeSpan? Elapsed => null;
}
