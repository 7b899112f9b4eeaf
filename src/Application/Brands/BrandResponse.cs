using System.Text.Json.Serialization;

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
    [JsonIgnore]
    public uint Version { get; init; }

    /// <summary><c>active</c>, <c>inactive</c>, <c>archived</c> or <c>deleted</c>: in staff reads only (<c>GET /brands/{idOrSlug}</c> with brands:write).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    /// <summary>When the brand was deleted: in staff reads of a deleted brand only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>When the brand was archived: in staff reads of an archived brand only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ArchivedAt { get; init; }
}
