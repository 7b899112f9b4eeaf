using Catalog.Domain.Common;

namespace Catalog.Domain.Products;

/// <summary>Something the catalog sells, with its price, stock, publishing workflow and denormalised review figures.</summary>
public sealed partial class Product : AggregateRoot, IVersioned
{
    public const int NameMaxLength = 255;
    public const int SlugMaxLength = 255;
    public const int ShortDescriptionMaxLength = 500;
    public const int DescriptionMaxLength = 20_000;
    public const int SkuMaxLength = 100;
    public const int BarcodeMaxLength = 100;
    public const int MaxTags = 50;
    public const int TagMaxLength = 50;
    public const int MaxImages = 20;
    public const int RemarkMaxLength = 2_000;
    public const decimal MaxMoney = 99_999_999.99m;
    public const decimal MaxWeight = 9_999_999.999m;

    private Product()
    {
    }

    public string Name { get; private set; } = string.Empty;

    public string Slug { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string? ShortDescription { get; private set; }

    public decimal Price { get; private set; }

    public decimal? CompareAtPrice { get; private set; }

    public decimal? Cost { get; private set; }

    public Guid? CategoryId { get; private set; }

    public Guid? BrandId { get; private set; }

    public string? Sku { get; private set; }

    public string? Barcode { get; private set; }

    public int StockQuantity { get; private set; }

    public int LowStockThreshold { get; private set; } = ProductDetails.DefaultLowStockThreshold;

    public decimal? Weight { get; private set; }

    public string Dimensions { get; private set; } = ProductDetails.DefaultDimensions;

    public string Images { get; private set; } = "[]";

    public List<string> Tags { get; private set; } = [];

    public string Metadata { get; private set; } = "{}";

    public bool IsActive { get; private set; } = true;

    public bool IsFeatured { get; private set; }

    public ProductStatus Status { get; private set; } = ProductStatus.Draft;

    public string? ReviewRemark { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public decimal AverageRating { get; private set; }

    public int ReviewCount { get; private set; }

    /// <summary>Live reviews per star: index 0 is one star.</summary>
    public int[] RatingCounts { get; private set; } = new int[5];

    public Guid? CreatedBy { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public uint Version { get; private set; }

    /// <summary>What storefront callers may see.</summary>
    public bool IsVisibleOnStorefront => Status == ProductStatus.Published && IsActive && DeletedAt is null;

    public static Result<Product> Create(ProductDetails details, string slug, Guid? userId, DateTimeOffset now)
    {
        var product = new Product { Id = Ids.New(now), CreatedAt = now, UpdatedAt = now, CreatedBy = userId, UpdatedBy = userId };
        var applied = product.Apply(details, slug);
        if (applied.IsFailure)
        {
            return applied.Error!;
        }

        product.Raise(new ProductChanged(product.Id, product.Slug, "created"));
        return product;
    }

    /// <summary>Replaces every writable field; stock is kept when <see cref="ProductDetails.StockQuantity"/> is null.</summary>
    public Result Update(ProductDetails details, string slug, Guid? userId, DateTimeOffset now)
    {
        var applied = Apply(details, slug);
        if (applied.IsSuccess)
        {
            Touch(userId, now, "updated");
        }

        return applied;
    }

    public Result Delete(Guid? userId, DateTimeOffset now)
    {
        if (DeletedAt is not null)
        {
            return Error.NotFound("product", Id);
        }

        DeletedAt = now;
        Touch(userId, now, "deleted");
        return Result.Success();
    }

    public Result Restore(Guid? userId, DateTimeOffset now)
    {
        if (DeletedAt is null)
        {
            return Error.Conflict("product.not_deleted", "The product is not deleted.");
        }

        DeletedAt = null;
        Touch(userId, now, "restored");
        return Result.Success();
    }

    /// <summary>Raises the change event of a stock adjustment that the database applied atomically.</summary>
    public void StockAdjusted() => Raise(new ProductChanged(Id, Slug, "stock"));

    /// <summary>The stock after <paramref name="delta"/>, or a conflict when it would go below zero.</summary>
    public static Result<int> StockAfter(int current, int delta)
    {
        var next = (long)current + delta;
        if (next < 0)
        {
            return Error.Conflict("product.insufficient_stock", $"Stock cannot go below zero (current {current}, delta {delta}).");
        }

        return next > int.MaxValue ? Error.Validation("delta", "The resulting stock is too large.") : (int)next;
    }

    private void Touch(Guid? userId, DateTimeOffset now, string change)
    {
        UpdatedAt = now;
        UpdatedBy = userId;
        Raise(new ProductChanged(Id, Slug, change));
    }
}
