namespace Catalog.Application.Products;

/// <summary>A row of <see cref="ProductSql.ListColumns"/> (plus the sort key columns some lists add).</summary>
internal sealed class ProductListRow
{
    public Guid Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Slug { get; init; } = string.Empty;

    public string? ShortDescription { get; init; }

    public decimal Price { get; init; }

    public decimal? CompareAtPrice { get; init; }

    public Guid? BrandId { get; init; }

    public string? BrandName { get; init; }

    public string? BrandSlug { get; init; }

    public Guid? CategoryId { get; init; }

    public string? CategoryName { get; init; }

    public string? CategorySlug { get; init; }

    public string[] Tags { get; init; } = [];

    public string? Images { get; init; }

    public bool IsFeatured { get; init; }

    public bool InStock { get; init; }

    public decimal AverageRating { get; init; }

    public int ReviewCount { get; init; }

    public DateTime CreatedAt { get; init; }

    public string? Status { get; init; }

    public float? Rank { get; init; }

    public ProductListItem ToItem() => new(
        Id, Name, Slug, ShortDescription, Price, CompareAtPrice,
        BrandId is { } brandId && BrandName is not null ? new ResourceRef(brandId, BrandName, BrandSlug!) : null,
        CategoryId is { } categoryId && CategoryName is not null ? new ResourceRef(categoryId, CategoryName, CategorySlug!) : null,
        Tags, JsonColumn.Parse(Images, "[]"), IsFeatured, InStock, AverageRating, ReviewCount,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)))
    {
        Status = Status,
    };

    public ProductCursor ToCursor(string sort) => sort switch
    {
        "price" or "-price" => new ProductCursor(Id, Price: Price),
        "name" or "-name" => new ProductCursor(Id, Name: Name),
        "rating" => new ProductCursor(Id, Rating: AverageRating),
        ProductSort.Relevance => new ProductCursor(Id, Rank: Rank),
        _ => new ProductCursor(Id, CreatedAt: DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
    };
}
