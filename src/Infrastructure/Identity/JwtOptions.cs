namespace Catalog.Infrastructure.Identity;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    /// <summary>Only access tokens carry this JOSE <c>typ</c>; a refresh token or API key is never one.</summary>
    public const string AccessTokenType = "at+jwt";

    public string SigningKey { get; set; } = string.Empty;

    public string Issuer { get; set; } = "catalog";

    public string Audience { get; set; } = "catalog-api";

    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>Absolute lifetime of a sign-in (a refresh-token family), whatever the activity.</summary>
    public int RefreshTokenDays { get; set; } = 30;

    /// <summary>A refresh token unused for this long expires (sliding, never past the absolute lifetime).</summary>
    public int RefreshTokenIdleDays { get; set; } = 14;

    /// <summary>How long "is this token's user and session still current" is cached per instance.</summary>
    public int StateCacheSeconds { get; set; } = 5;

    public int ClockSkewSeconds { get; set; } = 30;
}
