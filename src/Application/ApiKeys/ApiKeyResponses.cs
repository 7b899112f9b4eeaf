using Catalog.Domain.ApiKeys;

namespace Catalog.Application.ApiKeys;

/// <summary>An API key as lists show it: never the key or its hash.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, IReadOnlyList<string> Permissions, int RateLimit, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, bool IsActive, DateTimeOffset CreatedAt);

/// <summary>The answer of create and rotate: the only time the key itself is shown.</summary>
public sealed record ApiKeySecretResponse(
    Guid Id, string Name, string Key, string Prefix, IReadOnlyList<string> Permissions, int RateLimit, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt)
{
    public static ApiKeySecretResponse From(ApiKey key, string secret) =>
        new(key.Id, key.Name, secret, key.Prefix, [.. key.Permissions], key.RateLimit, key.ExpiresAt, key.CreatedAt);
}
