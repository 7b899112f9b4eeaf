namespace Catalog.Application.Brands;

public sealed record BrandResponse(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? LogoUrl,
    string? WebsiteUrl,
    System.Text.Json.JsonElement Metadata,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The strong validator for ETag / If-Match, from the row's xmin.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}
