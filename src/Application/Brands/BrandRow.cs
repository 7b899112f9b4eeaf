namespace Catalog.Application.Brands;

/// <summary>A brand as the brand reads select it (column aliases match); the <see cref="StaffColumns"/> in staff reads only.</summary>
internal sealed class BrandRow
{
    /// <summary>The columns of v_all_brands that only staff read: both staff queries select them.</summary>
    public const string StaffColumns = "status AS Status, deleted_at AS DeletedAt, archived_at AS ArchivedAt";

    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Slug { get; init; } = string.Empty;

    public string? Description { get; init; }

    public string? LogoUrl { get; init; }

    public string? WebsiteUrl { get; init; }

    public string Metadata { get; init; } = "{}";

    public bool IsActive { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public long Version { get; init; }

    public string? Status { get; init; }

    public DateTime? DeletedAt { get; init; }

    public DateTime? ArchivedAt { get; init; }

    public BrandResponse ToResponse() => new(
        Id, Name, Slug, Description, LogoUrl, WebsiteUrl,
        System.Text.Json.JsonElement.Parse(Metadata), IsActive,
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero))
    {
        Version = (uint)Version,
        Status = Status,
        DeletedAt = Utc(DeletedAt),
        ArchivedAt = Utc(ArchivedAt),
    };

    public Queries.ListBrands.BrandListItem ToListItem() =>
        new(Id, Name, Slug, Description, LogoUrl, WebsiteUrl) { Status = Status, DeletedAt = Utc(DeletedAt), ArchivedAt = Utc(ArchivedAt) };

    private static DateTimeOffset? Utc(DateTime? value) => value is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
}
