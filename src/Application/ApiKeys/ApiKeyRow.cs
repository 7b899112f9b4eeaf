namespace Catalog.Application.ApiKeys;

internal sealed class ApiKeyRow
{
    public const string Columns = """
        id AS Id, name AS Name, prefix AS Prefix, permissions AS Permissions, rate_limit AS RateLimit, expires_at AS ExpiresAt,
        last_used_at AS LastUsedAt, is_active AS IsActive, created_at AS CreatedAt
        """;

    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Prefix { get; init; } = string.Empty;

    public string[] Permissions { get; init; } = [];

    public int RateLimit { get; init; }

    public DateTime? ExpiresAt { get; init; }

    public DateTime? LastUsedAt { get; init; }

    public bool IsActive { get; init; }

    public DateTime CreatedAt { get; init; }

    public ApiKeyResponse ToResponse() => new(
        Id, Name, Prefix, Permissions, RateLimit, Utc(ExpiresAt), Utc(LastUsedAt), IsActive, new DateTimeOffset(CreatedAt, TimeSpan.Zero));

    private static DateTimeOffset? Utc(DateTime? value) => value is null ? null : new DateTimeOffset(value.Value, TimeSpan.Zero);
}
