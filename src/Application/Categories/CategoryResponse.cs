using System.Text.Json;
using System.Text.Json.Serialization;

namespace Catalog.Application.Categories;

public sealed record CategoryResponse(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    Guid? ParentId,
    string? ImageUrl,
    JsonElement Metadata,
    int SortOrder,
    bool IsActive,
    IReadOnlyList<Guid> Path,
    int Depth,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The strong validator for ETag / If-Match, from the row's xmin.</summary>
    [JsonIgnore]
    public uint Version { get; init; }
}
