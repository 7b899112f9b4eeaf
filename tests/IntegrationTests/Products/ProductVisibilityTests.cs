using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductVisibilityTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Anonymous_SeesOnlyPublishedActiveLiveProducts_OfLiveBrandsAndCategories()
    {
        var brand = await _catalog.BrandAsync();
        var deletedBrand = await _catalog.BrandAsync(deleted: true);
        var deletedCategory = await _catalog.CategoryAsync(deleted: true);
        var visible = await _catalog.ProductAsync(new("Visible") { BrandId = brand });
        // Known slugs, so that each hidden product is asked for by id and by slug (two statements, ADR-073).
        var suffix = Guid.NewGuid().ToString("N")[..6];
        Guid[] hidden =
        [
            await _catalog.ProductAsync(new("Draft") { BrandId = brand, Status = "draft", Slug = $"hidden-draft-{suffix}" }),
            await _catalog.ProductAsync(new("In Review") { BrandId = brand, Status = "in_review", Slug = $"hidden-review-{suffix}" }),
            await _catalog.ProductAsync(new("Inactive") { BrandId = brand, Active = false, Slug = $"hidden-inactive-{suffix}" }),
            await _catalog.ProductAsync(new("Deleted") { BrandId = brand, Deleted = true, Slug = $"hidden-deleted-{suffix}" }),
            await _catalog.ProductAsync(new("Deleted Category") { BrandId = brand, CategoryId = deletedCategory, Slug = $"hidden-category-{suffix}" }),
        ];
        var ofDeletedBrand = await _catalog.ProductAsync(new("Deleted Brand") { BrandId = deletedBrand, Slug = $"hidden-brand-{suffix}" });
        string[] hiddenSlugs = ["draft", "review", "inactive", "deleted", "category", "brand"];
        var anonymous = factory.CreateClient();

        Assert.Equal(["Visible"], await anonymous.NamesAsync($"/api/v1/products?brand={brand}"));
        await (await anonymous.GetAsync($"/api/v1/products/{visible}")).AssertStatusAsync(HttpStatusCode.OK);
        foreach (var id in hidden.Append(ofDeletedBrand))
        {
            await (await anonymous.GetAsync($"/api/v1/products/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await anonymous.GetAsync($"/api/v1/products/{id}/reviews")).AssertProblemAsync(HttpStatusCode.NotFound);
        }

        foreach (var slug in hiddenSlugs)
        {
            await (await anonymous.GetAsync($"/api/v1/products/hidden-{slug}-{suffix}")).AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Theory]
    [InlineData("price")]
    [InlineData("-price")]
    [InlineData("name")]
    [InlineData("-name")]
    [InlineData("newest")]
    [InlineData("rating")]
    public async Task CategoryPage_HidesProductsOfDeletedBrands_InEverySort(string sort)
    {
        // A narrow subtree reads each category's index range and tests the brand on the index entry (ADR-064).
        var brand = await _catalog.BrandAsync();
        var deletedBrand = await _catalog.BrandAsync(deleted: true);
        var root = await _catalog.CategoryAsync();
        var child = await _catalog.CategoryAsync(parentId: root);
        await _catalog.ProductAsync(new("Shown In Root") { BrandId = brand, CategoryId = root, Price = 3m });
        await _catalog.ProductAsync(new("Shown In Child") { CategoryId = child, Price = 2m });
        await _catalog.ProductAsync(new("Hidden Deleted Brand") { BrandId = deletedBrand, CategoryId = child, Price = 1m });

        // One row a page: were the deleted brand's product a candidate, it would take a place that the view then
        // empties, and the walk would end early (for the sorts in which it comes first) or show it.
        var walked = await factory.CreateClient().WalkAsync($"/api/v1/products?category={root}&sort={sort}&inStock=true&limit=1");

        Assert.Equal(["Shown In Child", "Shown In Root"], walked.Select(i => i.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProductsRead_SeesDraftsWithInternalFields_AndStatusLists()
    {
        var brand = await _catalog.BrandAsync();
        var draftSlug = $"secret-draft-{Guid.NewGuid():N}"[..20];
        var draft = await _catalog.ProductAsync(new("Secret Draft") { BrandId = brand, Status = "draft", Cost = 3.25m, Sku = "SKU-DRAFT-1", Slug = draftSlug });
        await _catalog.ProductAsync(new("Pending") { BrandId = brand, Status = "in_review" });
        await _catalog.ProductAsync(new("Gone Draft") { BrandId = brand, Status = "draft", Deleted = true });
        var (manager, _) = await factory.CreateClientAsAsync("catalog_manager");

        var detail = await (await manager.GetAsync($"/api/v1/products/{draft}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("3.25", detail.GetProperty("cost").GetRawText());
        var bySlug = await (await manager.GetAsync($"/api/v1/products/{draftSlug}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal(draft.ToString(), bySlug.GetProperty("id").GetString());
        Assert.Equal("SKU-DRAFT-1", bySlug.GetProperty("sku").GetString());
        Assert.Equal("SKU-DRAFT-1", detail.GetProperty("sku").GetString());
        Assert.Equal("draft", detail.GetProperty("status").GetString());
        Assert.Equal(5, detail.GetProperty("stockQuantity").GetInt32());

        var drafts = (await manager.PageAsync($"/api/v1/products?status=draft&brand={brand}")).Items;
        Assert.Equal("Secret Draft", Assert.Single(drafts).GetProperty("name").GetString());
        Assert.Equal("draft", drafts[0].GetProperty("status").GetString());
        Assert.Equal(["Pending"], await manager.NamesAsync($"/api/v1/products?status=in_review&brand={brand}"));
        Assert.Empty(await manager.NamesAsync($"/api/v1/products?brand={brand}"));
    }

    [Fact]
    public async Task StatusLists_NeedProductsRead()
    {
        await (await factory.CreateClient().GetAsync("/api/v1/products?status=draft")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var (user, _) = await factory.CreateClientAsAsync("user");
        await (await user.GetAsync("/api/v1/products?status=draft")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.GetAsync("/api/v1/products/low-stock")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.GetAsync("/api/v1/products/export")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await factory.CreateClient().GetAsync("/api/v1/products/export")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Anonymous_NeverSeesInternalFields()
    {
        var id = await _catalog.ProductAsync(new("Public One") { Cost = 1m, Sku = "SKU-PUB-1" });
        var body = await (await factory.CreateClient().GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        foreach (var field in new[] { "cost", "sku", "barcode", "status", "stockQuantity", "metadata", "isActive", "lowStockThreshold" })
        {
            Assert.False(body.TryGetProperty(field, out _), field);
        }

        var (user, _) = await factory.CreateClientAsAsync("user");
        var asUser = await (await user.GetAsync($"/api/v1/products/{id}")).AssertStatusAsync(HttpStatusCode.OK);
        Assert.False(asUser.TryGetProperty("cost", out _));
    }
}
