namespace Catalog.Application.Sessions;

public sealed record SessionResponse(Guid Id, string? IpAddress, string? UserAgent, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, DateTimeOffset ExpiresAt, bool Current);
