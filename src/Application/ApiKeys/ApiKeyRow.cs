namespace Catalog.Application.ApiKeys;

internal sealed record ApiKeyRow(Guid Id, string Name, string Prefix, string[] Permissions, int RateLimit, DateTime? ExpiresAt, DateTime? LastUsedAt, bool IsActive, DateTime CreatedAt)
{
    public const string Columns = """
        id AS Id, name AS Name, prefix AS Prefix, permissions AS Permissions, rate_limit AS RateLimit, expires_at AS ExpiresAt,
        last_used_at AS LastUsedAt, is_active AS IsActive, created_at AS CreatedAt
        """;

    public ApiKeyResponse ToResponse() => new(
        Id, Name, Prefix, Permissions, RateLimit, Utc(ExpiresAt), Utc(LastUsedAt), IsActive, new DateTimeOffset(CreatedAt, TimeSpan.Zero));

    private static DateTimeOffset? Utc(DateTime? value) => value is null ? null : new DateTimeOffset(value.Value, TimeSpan.Zero);
}
