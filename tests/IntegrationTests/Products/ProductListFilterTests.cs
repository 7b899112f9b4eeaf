using System.Net;
using Catalog.IntegrationTests.Infrastructure;

namespace Catalog.IntegrationTests.Products;

public sealed class ProductListFilterTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private readonly TestCatalog _catalog = new(factory);

    [Fact]
    public async Task Category_BySlugOrId_IncludesAllDescendants_AndNothingElse()
    {
        var root = await _catalog.CategoryAsync(TestCatalog.Unique("root"));
        var child = await _catalog.CategoryAsync(TestCatalog.Unique("child"), root);
        var grandchild = await _catalog.CategoryAsync(TestCatalog.Unique("grand"), child);
        var other = await _catalog.CategoryAsync();
        await _catalog.ProductAsync(new("In Root") { CategoryId = root });
        await _catalog.ProductAsync(new("In Child") { CategoryId = child });
        await _catalog.ProductAsync(new("In Grandchild") { CategoryId = grandchild });
        await _catalog.ProductAsync(new("Elsewhere") { CategoryId = other });
        var client = factory.CreateClient();

        var all = await client.NamesAsync($"/api/v1/products?category={root}&sort=name");
        Assert.Equal(["In Child", "In Grandchild", "In Root"], all);
        var slug = await (await client.GetAsync($"/api/v1/categories/{child}")).AssertStatusAsync(HttpStatusCode.OK);
        var bySlug = await client.NamesAsync($"/api/v1/products?category={slug.GetProperty("slug").GetString()}&sort=name");
        Assert.Equal(["In Child", "In Grandchild"], bySlug);
        Assert.Empty(await client.NamesAsync("/api/v1/products?category=no-such-category"));
    }

    [Fact]
    public async Task Brand_ByIdOrSlug_PriceRange_Featured_InStock_Tags_Filter()
    {
        var brandName = TestCatalog.Unique("filterbrand");
        var brand = await _catalog.BrandAsync(brandName);
        await _catalog.ProductAsync(new("Cheap") { BrandId = brand, Price = 5m, Tags = ["red", "sale"] });
        await _catalog.ProductAsync(new("Mid") { BrandId = brand, Price = 50m, Featured = true, Tags = ["red"] });
        await _catalog.ProductAsync(new("Dear") { BrandId = brand, Price = 500m, Stock = 0, Tags = ["blue", "sale"] });
        await _catalog.ProductAsync(new("Other Brand") { Price = 50m, Tags = ["red"] });
        var client = factory.CreateClient();
        var b = $"/api/v1/products?brand={brand}&sort=price";

        Assert.Equal(["Cheap", "Mid", "Dear"], await client.NamesAsync(b));
        Assert.Equal(["Cheap", "Mid", "Dear"], await client.NamesAsync($"/api/v1/products?brand={brandName}&sort=price"));
        Assert.Equal(["Mid", "Dear"], await client.NamesAsync(b + "&minPrice=50"));
        Assert.Equal(["Cheap", "Mid"], await client.NamesAsync(b + "&maxPrice=50.00"));
        Assert.Equal(["Mid"], await client.NamesAsync(b + "&minPrice=10&maxPrice=100"));
        Assert.Equal(["Mid"], await client.NamesAsync(b + "&featured=true"));
        Assert.Equal(["Cheap", "Dear"], await client.NamesAsync(b + "&featured=false"));
        Assert.Equal(["Cheap", "Mid"], await client.NamesAsync(b + "&inStock=true"));
        Assert.Equal(["Dear"], await client.NamesAsync(b + "&inStock=false"));
        Assert.Equal(["Cheap", "Dear"], await client.NamesAsync(b + "&tags=sale"));
        Assert.Equal(["Cheap"], await client.NamesAsync(b + "&tags=red,sale"));
        Assert.Equal(["Cheap"], await client.NamesAsync(b + "&tags=red&tags=sale"));
        Assert.Empty(await client.NamesAsync("/api/v1/products?brand=no-such-brand"));
    }

    [Fact]
    public async Task Q_FiltersByFullText_WithPrefixes_AndRanksByRelevance()
    {
        var brand = await _catalog.BrandAsync();
        await _catalog.ProductAsync(new("Plain Kettle") { BrandId = brand, Description = "Boils water; pairs with any zephyrine teapot" });
        await _catalog.ProductAsync(new("Zephyrine Teapot") { BrandId = brand });
        await _catalog.ProductAsync(new("Toaster") { BrandId = brand });
        var client = factory.CreateClient();

        Assert.Equal(["Zephyrine Teapot", "Plain Kettle"], await client.NamesAsync($"/api/v1/products?brand={brand}&q=zephyr"));
        Assert.Equal(["Plain Kettle", "Zephyrine Teapot"], await client.NamesAsync($"/api/v1/products?brand={brand}&q=zephyrine&sort=name"));
    }

    [Fact]
    public async Task Item_HasTheContractShape()
    {
        var brand = await _catalog.BrandAsync();
        var category = await _catalog.CategoryAsync();
        await _catalog.ProductAsync(new("Shaped") { BrandId = brand, CategoryId = category, Price = 12.5m, CompareAtPrice = 20m, ShortDescription = "short", Tags = ["x"], AverageRating = 4.5m, ReviewCount = 2 });
        var (items, _) = await factory.CreateClient().PageAsync($"/api/v1/products?brand={brand}");
        var item = Assert.Single(items);
        string[] expected = ["id", "name", "slug", "shortDescription", "price", "compareAtPrice", "brand", "category", "tags", "images", "isFeatured", "inStock", "averageRating", "reviewCount", "createdAt"];
        Assert.Equal(expected.Order(), item.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("12.50", item.GetProperty("price").GetRawText());
        Assert.Equal(brand.ToString(), item.GetProperty("brand").GetProperty("id").GetString());
        Assert.Equal(category.ToString(), item.GetProperty("category").GetProperty("id").GetString());
        Assert.True(item.GetProperty("inStock").GetBoolean());
    }

    [Theory]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("minPrice=10&maxPrice=5", "maxPrice")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("status=lost", "status")]
    public async Task InvalidParameters_Are400WithTheField(string query, string field)
    {
        var (client, _) = await factory.CreateClientAsAsync("catalog_manager");
        var problem = await (await client.GetAsync("/api/v1/products?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("minPrice=abc")]
    [InlineData("featured=maybe")]
    [InlineData("limit=lots")]
    public async Task UnreadableParameters_Are400(string query) =>
        await (await factory.CreateClient().GetAsync("/api/v1/products?" + query)).AssertProblemAsync(HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("'; DROP TABLE products; --")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("\"quoted\" 'single'")]
    [InlineData("a & b | !c <-> d:*")]
    [InlineData("))((")]
    public async Task SqlAndTsqueryMetacharactersInQ_Are200(string q)
    {
        var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/products?q=" + Uri.EscapeDataString(q))).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/products/search?q=" + Uri.EscapeDataString(q))).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/products?category=" + Uri.EscapeDataString(q) + "&brand=" + Uri.EscapeDataString(q))).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/v1/products?q=x")).AssertStatusAsync(HttpStatusCode.OK);
    }
}
