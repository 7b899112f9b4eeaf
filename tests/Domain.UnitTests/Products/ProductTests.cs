using Catalog.Domain.Common;
using Catalog.Domain.Products;

namespace Catalog.Domain.UnitTests.Products;

public sealed class ProductTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static ProductDetails Details(decimal price = 10, decimal? compareAt = null, decimal? cost = null, int? stock = 5, IReadOnlyList<string>? tags = null) =>
        new("Lamp", null, null, price, compareAt, cost, null, null, "SKU-1", null, stock, 10, null, ProductDetails.DefaultDimensions, "[]", tags ?? [], "{}", false, true);

    private static Product NewProduct() => Product.Create(Details(), "lamp", null, Now).Value;

    [Fact]
    public void Create_StartsAsDraft_AndRaisesProductChanged()
    {
        var product = NewProduct();
        Assert.Equal(ProductStatus.Draft, product.Status);
        Assert.Single(product.DomainEvents.OfType<ProductChanged>());
        Assert.IsAssignableFrom<ICatalogChangedEvent>(product.DomainEvents.Single());
    }

    [Theory]
    [InlineData(-0.01, null, null, 1, "price")]
    [InlineData(10, 10.0, null, 1, "compareAtPrice")]
    [InlineData(10, 9.0, null, 1, "compareAtPrice")]
    [InlineData(10, null, -1.0, 1, "cost")]
    [InlineData(10, null, null, -1, "stockQuantity")]
    public void Create_BreakingANumericRule_FailsOnThatField(double price, double? compareAt, double? cost, int stock, string field)
    {
        var result = Product.Create(Details((decimal)price, (decimal?)compareAt, (decimal?)cost, stock), "lamp", null, Now);
        Assert.Equal(ErrorType.Validation, result.Error!.Type);
        Assert.True(result.Error.Details!.ContainsKey(field));
    }

    [Fact]
    public void Create_WithMoreThan50Tags_Fails_AndABadSlugFails()
    {
        Assert.True(Product.Create(Details(tags: Enumerable.Range(0, 51).Select(i => "t" + i).ToList()), "lamp", null, Now).Error!.Details!.ContainsKey("tags"));
        Assert.True(Product.Create(Details(), "Not A Slug", null, Now).Error!.Details!.ContainsKey("slug"));
    }

    [Fact]
    public void Update_WithoutStock_KeepsTheStock()
    {
        var product = NewProduct();
        Assert.True(product.Update(Details(stock: null) with { Name = "Lamp 2" }, "lamp", null, Now).IsSuccess);
        Assert.Equal(5, product.StockQuantity);
        Assert.Equal("Lamp 2", product.Name);
    }

    [Fact]
    public void Workflow_FollowsTheAllowedTransitions()
    {
        var product = NewProduct();
        Assert.Equal(ErrorType.Conflict, product.Reject("no", null, Now).Error!.Type);
        Assert.Equal(ErrorType.Conflict, product.Unpublish(null, Now).Error!.Type);
        Assert.True(product.SubmitForReview(null, Now).IsSuccess);
        Assert.Equal(ErrorType.Conflict, product.SubmitForReview(null, Now).Error!.Type);
        Assert.Equal(ErrorType.Validation, product.Reject(" ", null, Now).Error!.Type);
        Assert.True(product.Reject("Needs photos", null, Now).IsSuccess);
        Assert.Equal("Needs photos", product.ReviewRemark);
        Assert.Equal(ErrorType.Conflict, product.Publish(null, Now).Error!.Type);
        Assert.True(product.SubmitForReview(null, Now).IsSuccess);
        Assert.True(product.Publish(null, Now).IsSuccess);
        Assert.True(product.IsVisibleOnStorefront);
        Assert.True(product.Unpublish(null, Now.AddDays(1)).IsSuccess);
        Assert.Equal(ProductStatus.Draft, product.Status);
        Assert.True(product.Publish(null, Now.AddDays(2)).IsSuccess);
        Assert.Equal(Now, product.PublishedAt);
        Assert.True(product.Archive(null, Now).IsSuccess);
        Assert.Equal(ErrorType.Conflict, product.Archive(null, Now).Error!.Type);
        Assert.False(product.IsVisibleOnStorefront);
    }

    [Fact]
    public void PublishFromDraft_IsAllowed()
    {
        var product = NewProduct();
        Assert.True(product.Publish(null, Now).IsSuccess);
        Assert.Equal(ProductStatus.Published, product.Status);
    }

    [Fact]
    public void DeleteAndRestore()
    {
        var product = NewProduct();
        Assert.Equal(ErrorType.Conflict, product.Restore(null, Now).Error!.Type);
        Assert.True(product.Delete(null, Now).IsSuccess);
        Assert.Equal(ErrorType.NotFound, product.Delete(null, Now).Error!.Type);
        Assert.True(product.Restore(null, Now).IsSuccess);
        Assert.Null(product.DeletedAt);
    }

    [Theory]
    [InlineData(10, -10, true)]
    [InlineData(10, -11, false)]
    [InlineData(0, 5, true)]
    public void StockAfter_NeverGoesBelowZero(int current, int delta, bool ok) =>
        Assert.Equal(ok, Product.StockAfter(current, delta).IsSuccess);

    [Fact]
    public void ApplyReviewChange_KeepsCountsAndAverage()
    {
        var product = NewProduct();
        product.ApplyReviewChange(null, 5, Now);
        product.ApplyReviewChange(null, 2, Now);
        Assert.Equal(3.5m, product.AverageRating);
        Assert.Equal(2, product.ReviewCount);
        Assert.Equal(new[] { 0, 1, 0, 0, 1 }, product.RatingCounts);
        product.ApplyReviewChange(2, 4, Now);
        Assert.Equal(4.5m, product.AverageRating);
        product.ApplyReviewChange(5, null, Now);
        product.ApplyReviewChange(4, null, Now);
        Assert.Equal((0m, 0), (product.AverageRating, product.ReviewCount));
    }

    [Fact]
    public void Unarchive_OnlyFromArchived_ReturnsToDraft_KeepingTheFirstPublication()
    {
        var product = NewProduct();
        Assert.Equal("product.invalid_status", product.Unarchive(null, Now).Error!.Code);
        Assert.True(product.Publish(null, Now).IsSuccess);
        Assert.Equal("product.invalid_status", product.Unarchive(null, Now).Error!.Code);
        Assert.True(product.Archive(null, Now).IsSuccess);
        Assert.True(product.Unarchive(null, Now.AddDays(1)).IsSuccess);
        Assert.Equal(ProductStatus.Draft, product.Status);
        Assert.Equal(Now, product.PublishedAt);
        Assert.False(product.IsVisibleOnStorefront);
    }
}
