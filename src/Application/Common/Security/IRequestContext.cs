namespace Catalog.Application.Common.Security;

/// <summary>Facts about the HTTP request behind a command, for the audit trail.</summary>
public interface IRequestContext
{
    string? RequestId { get; }

    string? IpAddress { get; }

    string? UserAgent { get; }
}
