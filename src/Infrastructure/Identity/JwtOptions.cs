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

    public int RefreshTokenDays { get; set; } = 30;

    public int ClockSkewSeconds { get; set; } = 30;
}
