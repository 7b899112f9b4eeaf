
namespace Catalog.Application.Products.Queries.GetProduct;

internal sealed class ProductDetailRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Slug { get; init; } = string.Empty;

    public string? Description { get; init; }

    public string? ShortDescription { get; init; }

    public decimal Price { get; init; }

    public decimal? CompareAtPrice { get; init; }

    public decimal? Cost { get; init; }

    public string? Sku { get; init; }

    public string? Barcode { get; init; }

    public int StockQuantity { get; init; }

    public int LowStockThreshold { get; init; }

    public decimal? Weight { get; init; }

    public string? Dimensions { get; init; }

    public string? Images { get; init; }

    public string[] Tags { get; init; } = [];

    public string? Metadata { get; init; }

    public bool IsActive { get; init; }

    public bool IsFeatured { get; init; }

    public string Status { get; init; } = string.Empty;

    public string? ReviewRemark { get; init; }

    public DateTime? SubmittedAt { get; init; }

    public DateTime? PublishedAt { get; init; }

    public decimal AverageRating { get; init; }

    public int ReviewCount { get; init; }

    public int[] RatingCounts { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public Guid? BrandId { get; init; }

    public string? BrandName { get; init; }

    public string? BrandSlug { get; init; }

    public Guid? CategoryId { get; init; }

    public string? CategoryName { get; init; }

    public string? CategorySlug { get; init; }

    public Guid[]? BreadcrumbIds { get; init; }

    public string[]? BreadcrumbNames { get; init; }

    public string[]? BreadcrumbSlugs { get; init; }

    public long Version { get; init; }

    public ProductDetail ToDetail() => Fill(new ProductDetail
    {
        Id = Id, Name = Name, Slug = Slug, Price = Price, Breadcrumb = [], Tags = Tags, Images = default, Dimensions = default,
        IsFeatured = IsFeatured, InStock = StockQuantity > 0, Rating = null!, CreatedAt = default, UpdatedAt = default,
    });

    public ProductBackOfficeDetail ToBackOfficeDetail() => (ProductBackOfficeDetail)Fill(new ProductBackOfficeDetail
    {
        Id = Id, Name = Name, Slug = Slug, Price = Price, Breadcrumb = [], Tags = Tags, Images = default, Dimensions = default,
        IsFeatured = IsFeatured, InStock = StockQuantity > 0, Rating = null!, CreatedAt = default, UpdatedAt = default,
        Status = Status, IsActive = IsActive, Cost = Cost, Sku = Sku, Barcode = Barcode, StockQuantity = StockQuantity,
        LowStockThreshold = LowStockThreshold, Metadata = JsonColumn.Parse(Metadata, "{}"), ReviewRemark = ReviewRemark,
        SubmittedAt = Utc(SubmittedAt),
    });

    // "with" on the base type clones the runtime type, so the back-office detail keeps its own fields.
    private ProductDetail Fill(ProductDetail detail) => detail with
        {
            Description = Description,
            ShortDescription = ShortDescription,
            CompareAtPrice = CompareAtPrice,
            Brand = BrandId is { } brandId ? new ResourceRef(brandId, BrandName!, BrandSlug!) : null,
            Category = CategoryId is { } categoryId ? new ResourceRef(categoryId, CategoryName!, CategorySlug!) : null,
            Breadcrumb = BreadcrumbOf(BreadcrumbIds, BreadcrumbNames, BreadcrumbSlugs),
            Images = JsonColumn.Parse(Images, "[]"),
            Weight = Weight,
            Dimensions = JsonColumn.Parse(Dimensions, "{}"),
            Rating = RatingSummary.From(AverageRating, ReviewCount, RatingCounts),
            CreatedAt = Utc(CreatedAt)!.Value,
            UpdatedAt = Utc(UpdatedAt)!.Value,
            PublishedAt = Utc(PublishedAt),
            Version = (uint)Version,
        };

    private static ResourceRef[] BreadcrumbOf(Guid[]? ids, string[]? names, string[]? slugs)
    {
        if (ids is null || names is null || slugs is null)
        {
            return [];
        }

        var crumbs = new ResourceRef[ids.Length];
        for (var i = 0; i < crumbs.Length; i++)
        {
            crumbs[i] = new ResourceRef(ids[i], names[i], slugs[i]);
        }

        return crumbs;
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
