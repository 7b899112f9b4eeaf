namespace Catalog.Application.Brands;

/// <summary>A brand as the brand reads select it (column aliases match); <see cref="Status"/> and <see cref="DeletedAt"/> in staff reads only.</summary>
internal sealed class BrandRow
{
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

    public BrandResponse ToResponse() => new(
        Id, Name, Slug, Description, LogoUrl, WebsiteUrl,
        System.Text.Json.JsonElement.Parse(Metadata), IsActive,
        new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero))
    {
        Version = (uint)Version,
        Status = Status,
        DeletedAt = DeletedAtUtc,
    };

    public Queries.ListBrands.BrandListItem ToListItem() => new(Id, Name, Slug, Description, LogoUrl, WebsiteUrl) { Status = Status, DeletedAt = DeletedAtUtc };

    private DateTimeOffset? DeletedAtUtc => DeletedAt is { } deletedAt ? new DateTimeOffset(DateTime.SpecifyKind(deletedAt, DateTimeKind.Utc)) : null;
}
