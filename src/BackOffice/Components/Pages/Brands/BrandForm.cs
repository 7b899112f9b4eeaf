using Catalog.Application.Brands;
using Catalog.Application.Brands.Commands.CreateBrand;
using Catalog.Application.Brands.Commands.UpdateBrand;

namespace Catalog.BackOffice.Components.Pages.Brands;

/// <summary>
/// What the brand forms post. It fills the API's own bodies, so the commands validate it with the API's validators;
/// the metadata, which the form does not show, is carried over unchanged.
/// </summary>
public sealed class BrandForm
{
    public string? Name { get; set; }

    public string? Slug { get; set; }

    public string? Description { get; set; }

    public string? LogoUrl { get; set; }

    public string? WebsiteUrl { get; set; }

    public bool IsActive { get; set; }

    /// <summary>The version (ETag) the form was rendered from: an update sends it as If-Match.</summary>
    public uint Version { get; set; }

    public static BrandForm New() => new() { IsActive = true };

    public static BrandForm From(BrandResponse brand) => new()
    {
        Name = brand.Name,
        Slug = brand.Slug,
        Description = brand.Description,
        LogoUrl = brand.LogoUrl,
        WebsiteUrl = brand.WebsiteUrl,
        IsActive = brand.IsActive,
        Version = brand.Version,
    };

    public CreateBrandCommand ToCreate() =>
        new(Name ?? string.Empty, Blank(Slug), Blank(Description), Blank(LogoUrl), Blank(WebsiteUrl), null, IsActive);

    /// <summary>The PUT body for <paramref name="current"/>: its metadata kept, the version shown sent as If-Match.</summary>
    public UpdateBrandCommand ToUpdate(BrandResponse current) =>
        new(Name ?? string.Empty, Blank(Slug), Blank(Description), Blank(LogoUrl), Blank(WebsiteUrl), current.Metadata, IsActive)
        {
            Id = current.Id,
            IfMatch = Version,
        };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
