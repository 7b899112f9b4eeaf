using Catalog.Domain.Common;

namespace Catalog.Domain.Brands;

/// <summary>A manufacturer or label that products belong to.</summary>
public sealed class Brand : AggregateRoot, IVersioned
{
    public const int NameMaxLength = 100;
    public const int SlugMaxLength = 100;

    private Brand()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string? LogoUrl { get; private set; }

    public string? WebsiteUrl { get; private set; }

    public string Metadata { get; private set; } = "{}";

    public bool IsActive { get; private set; } = true;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>When the brand was archived: it and its products are off the storefront, staff still see them.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    public uint Version { get; private set; }

    public static Result<Brand> Create(string name, string slug, string? description, string? logoUrl, string? websiteUrl, string? metadata, bool isActive, DateTimeOffset now)
    {
        var brand = new Brand { Id = Ids.New(now), CreatedAt = now, UpdatedAt = now };
        var result = brand.Apply(name, slug, description, logoUrl, websiteUrl, metadata, isActive);
        if (result.IsFailure)
        {
            return result.Error!;
        }

        brand.Raise(new BrandChanged(brand.Id, brand.Slug));
        return brand;
    }

    public Result Update(string name, string slug, string? description, string? logoUrl, string? websiteUrl, string? metadata, bool isActive, DateTimeOffset now)
    {
        var result = Apply(name, slug, description, logoUrl, websiteUrl, metadata, isActive);
        if (result.IsSuccess)
        {
            UpdatedAt = now;
            Raise(new BrandChanged(Id, Slug));
        }

        return result;
    }

    public Result Delete(DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return Error.NotFound("brand", Id);
        }

        DeletedAt = now;
        Raise(new BrandChanged(Id, Slug));
        return Result.Success();
    }

    /// <summary>Brings a soft-deleted brand back; its products, which kept their brand_id, are shown with it again.</summary>
    public Result Restore(DateTimeOffset now)
    {
        if (DeletedAt is null)
        {
            return Error.Conflict("brand.not_deleted", "The brand is not deleted.");
        }

        DeletedAt = null;
        UpdatedAt = now;
        Raise(new BrandChanged(Id, Slug));
        return Result.Success();
    }

    /// <summary>Takes the brand and its products off every storefront read; staff still see and edit them.</summary>
    public Result Archive(DateTimeOffset now)
    {
        if (ArchivedAt is not null)
        {
            return Error.Conflict("brand.already_archived", "The brand is already archived.");
        }

        ArchivedAt = now;
        UpdatedAt = now;
        Raise(new BrandChanged(Id, Slug));
        return Result.Success();
    }

    /// <summary>Puts an archived brand and its products back on the storefront.</summary>
    public Result Unarchive(DateTimeOffset now)
    {
        if (ArchivedAt is null)
        {
            return Error.Conflict("brand.not_archived", "The brand is not archived.");
        }

        ArchivedAt = null;
        UpdatedAt = now;
        Raise(new BrandChanged(Id, Slug));
        return Result.Success();
    }

    private Result Apply(string name, string slug, string? description, string? logoUrl, string? websiteUrl, string? metadata, bool isActive)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength)
        {
            return Error.Validation("name", $"Name is required and at most {NameMaxLength} characters.");
        }

        if (!Common.Slug.IsValid(slug, SlugMaxLength))
        {
            return Error.Validation("slug", "Slug must be lowercase letters, digits and single hyphens.");
        }

        if (logoUrl is not null && !WebUrl.IsValid(logoUrl))
        {
            return Error.Validation("logoUrl", "Logo URL must be an absolute http or https URL.");
        }

        if (websiteUrl is not null && !WebUrl.IsValid(websiteUrl))
        {
            return Error.Validation("websiteUrl", "Website URL must be an absolute http or https URL.");
        }

        Name = name.Trim();
        Slug = slug;
        Description = description;
        LogoUrl = logoUrl;
        WebsiteUrl = websiteUrl;
        Metadata = metadata ?? Metadata;
        IsActive = isActive;
        return Result.Success();
    }
}

/// <summary>A brand was created, changed, archived, unarchived, deleted or restored: anonymous caches of brands and products drop it.</summary>
public sealed record BrandChanged(Guid BrandId, string Slug) : ICatalogChangedEvent
{
    public string ResourceType => "brand";

    public Guid ResourceId => BrandId;
}
