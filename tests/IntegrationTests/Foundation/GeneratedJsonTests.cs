using System.Buffers;
using System.Text;
using System.Text.Json;
using Catalog.Application.Brands;
using Catalog.Application.Categories.Queries.GetCategory;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.Application.Common.Paging;
using Catalog.Application.Products.Queries.SearchProducts;
using Catalog.Application.Reviews;
using Catalog.Application.Reviews.Queries.ListProductReviews;
using Catalog.Application.Products.Queries.GetProduct;
using Catalog.Application.Products;
using Catalog.IntegrationTests.Infrastructure;
using Catalog.IntegrationTests.Products;
using Catalog.WebApi.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;

namespace Catalog.IntegrationTests.Foundation;

/// <summary>
/// The single-resource reads and the storefront's hot lists are written by generated code (ReadModelJsonContext, ADR-074,
/// ADR-122) instead of MVC's formatter:
/// every byte must stay what MVC's formatter writes, escaping included, so that switching between them never shows.
/// The reference is the formatter's own serializer options, which carry its encoder (UnsafeRelaxedJsonEscaping when
/// none is configured), not the configured JsonOptions: serialising with those escapes what MVC does not (\u0027).
/// </summary>
public sealed class GeneratedJsonTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private const string Awkward = "<b>Tom & Jerry's</b> \"café\" 東京 \u2028 \\";

    private JsonSerializerOptions FormatterOptions => factory.Services.GetRequiredService<IOptions<MvcOptions>>().Value
        .OutputFormatters.OfType<SystemTextJsonOutputFormatter>().Single().SerializerOptions;

    // What the API writes for a body the context lists: GeneratedJsonResult's own path, with the API's writer settings.
    private string Generated(object body)
    {
        var output = new ArrayBufferWriter<byte>();
        GeneratedJsonResult.For(body)!.WriteTo(output, factory.Services.GetRequiredService<ResponseJson>().WriterOptions);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void ProductDetail_IsWrittenAsMvcWritesIt()
    {
        var detail = StorefrontDetail();
        Assert.Equal(JsonSerializer.Serialize<object>(detail, FormatterOptions), Generated(detail));
    }

    [Fact]
    public void ProductBackOfficeDetail_IsWrittenAsMvcWritesIt()
    {
        var detail = new ProductBackOfficeDetail
        {
            Id = Guid.NewGuid(), Name = Awkward, Slug = "s", Price = 1.5m, Breadcrumb = [], Tags = [], Images = Json("[]"),
            Dimensions = Json("{}"), IsFeatured = false, InStock = false, Rating = RatingSummary.From(0m, 0, []),
            CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Status = "in_review", IsActive = true,
            Cost = 0.10m, Sku = "SKU-1", Barcode = null, StockQuantity = 0, LowStockThreshold = 3,
            Metadata = Json("""{"nested":{"deep":[1,2,{"x":"<&>"}]},"unicode":"\u00e9"}"""), ReviewRemark = Awkward,
            SubmittedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        };

        Assert.Equal(JsonSerializer.Serialize<object>(detail, FormatterOptions), Generated(detail));
    }

    [Fact]
    public void CategoryDetail_IsWrittenAsMvcWritesIt()
    {
        var detail = new CategoryDetail(
            Guid.NewGuid(), Awkward, "c", null, "https://img.example/c.png?a=1&b=2", 3, 2,
            new CategoryRef(Guid.NewGuid(), "Parent <p>", "p"), [new CategoryChild(Guid.NewGuid(), "Child", "c-1", 0)],
            [new CategoryRef(Guid.NewGuid(), "Root", "r")], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddTicks(1234567)) { Version = 7 };

        Assert.Equal(JsonSerializer.Serialize<object>(detail, FormatterOptions), Generated(detail));
    }

    [Fact]
    public void BrandResponse_IsWrittenAsMvcWritesIt()
    {
        var brand = new BrandResponse(Guid.NewGuid(), Awkward, "b", null, null, "https://b.example/?q=<x>", Json("""{"k":"v & w"}"""), true,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) { Version = 9 };

        Assert.Equal(JsonSerializer.Serialize<object>(brand, FormatterOptions), Generated(brand));
    }

    [Fact]
    public void StaffCategoryDetailAndBrand_WithStatusAndDeletedAt_AreWrittenAsMvcWritesThem()
    {
        var deletedAt = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var detail = new CategoryDetail(
            Guid.NewGuid(), Awkward, "c", null, null, 3, 2, new CategoryRef(Guid.NewGuid(), "Parent", "p") { Status = "inactive" },
            [new CategoryChild(Guid.NewGuid(), "Child", "c-1", 0) { Status = "deleted", DeletedAt = deletedAt }],
            [new CategoryRef(Guid.NewGuid(), "Root", "r") { Status = "active" }], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
        { Version = 7, Status = "deleted", DeletedAt = deletedAt };
        var brand = new BrandResponse(Guid.NewGuid(), Awkward, "b", null, null, null, Json("{}"), false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
        { Version = 9, Status = "deleted", DeletedAt = deletedAt };

        var category = Generated(detail);
        Assert.Equal(JsonSerializer.Serialize<object>(detail, FormatterOptions), category);
        Assert.Contains("\"status\":\"deleted\",\"deletedAt\":\"2026-12-07T06:00:00.1234567+00:00\"", category, StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize<object>(brand, FormatterOptions), Generated(brand));
    }

    [Fact]
    public void ProductListPages_StorefrontAndStaff_AreWrittenAsMvcWritesThem()
    {
        var storefront = new Page<ProductListItem>([ListItem(null), ListItem(null) with { Brand = null, CompareAtPrice = 3.5m }], null);
        var staff = new Page<ProductListItem>([ListItem("archived")], "eyJrIjoiPCY+In0.c2ln+/=");

        foreach (var page in new[] { storefront, staff })
        {
            Assert.Equal(JsonSerializer.Serialize<object>(page, FormatterOptions), Generated(page));
        }

        // Status only where it is set (the staff list), as MVC writes it; the null cursor is written.
        Assert.DoesNotContain("\"status\"", Generated(storefront), StringComparison.Ordinal);
        Assert.Contains("\"nextCursor\":null", Generated(storefront), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchHits_AreWrittenAsMvcWritesThem()
    {
        ProductSearchHit[] hits =
        [
            new(Guid.NewGuid(), Awkward, "s", null, 1.25m, 2m, Json("""[{"url":"https://i.example/a.jpg?a=1&b=<2>"}]"""), 4.5m, 2, 0.0607927f),
            new(Guid.NewGuid(), "Plain", "p", "short <i>", 10m, null, Json("[]"), 0m, 0, 1e-7f),
        ];

        Assert.Equal(JsonSerializer.Serialize<object>(hits, FormatterOptions), Generated(hits));
    }

    [Fact]
    public void ReviewPage_IsWrittenAsMvcWritesIt()
    {
        var page = new ReviewPage(
            [
                new ReviewItem(Guid.NewGuid(), 5, Awkward, "line\nbreak", ["<pro>"], [], Json("""["https://r.example/1.png"]"""), true, 3, "Ann & Bob",
                    DateTimeOffset.UnixEpoch.AddTicks(1234567), DateTimeOffset.UnixEpoch),
                new ReviewItem(Guid.NewGuid(), 1, null, null, [], ["con"], Json("[]"), false, 0, "東京", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch),
            ],
            "next+/=",
            RatingSummary.From(3m, 2, [1, 0, 0, 0, 1]));

        Assert.Equal(JsonSerializer.Serialize<object>(page, FormatterOptions), Generated(page));
    }

    [Fact]
    public void TheHotListTypes_AreTheOnesTheContextWrites()
    {
        // GeneratedJsonResult.For looks the body's runtime type up: these are the types the handlers return.
        Assert.NotNull(ReadModelJsonContext.Default.GetTypeInfo(typeof(Page<ProductListItem>)));
        Assert.NotNull(ReadModelJsonContext.Default.GetTypeInfo(typeof(ProductSearchHit[])));
        Assert.NotNull(ReadModelJsonContext.Default.GetTypeInfo(typeof(ReviewPage)));
    }

    [Fact]
    public async Task ProductList_OverHttp_IsTheGeneratedJson()
    {
        var catalog = new TestCatalog(factory);
        var name = Awkward + " " + TestCatalog.Unique("list");
        await catalog.ProductAsync(new(name) { Slug = TestCatalog.Unique("awkward-list") });
        var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/products?limit=100");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        var items = body.RootElement.GetProperty("items");
        Assert.Contains(items.EnumerateArray(), item => item.GetProperty("name").GetString() == name);
        Assert.All(items.EnumerateArray(), item => Assert.False(item.TryGetProperty("status", out _)));
        // The same bytes MVC's formatter writes for the same page.
        var page = JsonSerializer.Deserialize<Page<ProductListItem>>(text, FormatterOptions)!;
        Assert.Equal(JsonSerializer.Serialize<object>(page, FormatterOptions), text);
        // As MVC writes them: the apostrophe, the ampersand, "é" and 東京 as themselves.
        Assert.Contains("Tom & Jerry's", text, StringComparison.Ordinal);
        Assert.Contains("café\\\" 東京", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryTree_OverHttp_IsWrittenAsMvcWritesIt()
    {
        var catalog = new TestCatalog(factory);
        var name = Awkward + " " + TestCatalog.Unique("tree");
        await catalog.CategoryAsync(name);
        await catalog.EvictAsync();
        var client = factory.CreateClient();

        var text = await client.GetStringAsync("/api/v1/categories");

        var roots = JsonSerializer.Deserialize<CategoryNode[]>(text, FormatterOptions)!;
        Assert.Contains(roots, root => root.Name == name);
        Assert.Equal(JsonSerializer.Serialize<object>(roots, FormatterOptions), text);
        Assert.Contains("Tom & Jerry's", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductDetail_OverHttp_IsJsonWithTheRowVersionETag()
    {
        var catalog = new TestCatalog(factory);
        var id = await catalog.ProductAsync(new(Awkward) { Slug = TestCatalog.Unique("awkward") });
        var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/products/{id}");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.NotNull(response.Headers.ETag);
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(Awkward, body.RootElement.GetProperty("name").GetString());
        Assert.Equal(JsonSerializer.Serialize<object>(JsonSerializer.Deserialize<ProductDetail>(text, FormatterOptions)!, FormatterOptions), text);
        Assert.Contains("Tom & Jerry's", text, StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("version", out _));
    }

    private static ProductDetail StorefrontDetail() => new()
    {
        Id = Guid.NewGuid(),
        Name = Awkward,
        Slug = "awkward",
        Description = null,
        ShortDescription = "line\nbreak\ttab",
        Price = 19.990m,
        CompareAtPrice = null,
        Brand = new ResourceRef(Guid.NewGuid(), "Brand & Co", "brand-co"),
        Category = null,
        Breadcrumb = [new ResourceRef(Guid.NewGuid(), "Root", "root"), new ResourceRef(Guid.NewGuid(), "Leaf 'x'", "leaf")],
        Tags = ["a", "<b>"],
        Images = Json("""[{"url": "https://img.example/1.jpg?x=1&y=2", "alt": "é", "position": 0}]"""),
        Weight = 2.5m,
        Dimensions = Json("""{"width": 3.7, "height": 52.1}"""),
        IsFeatured = true,
        InStock = true,
        Rating = RatingSummary.From(4.25m, 4, [0, 0, 1, 1, 2]),
        CreatedAt = new DateTimeOffset(2025, 9, 4, 9, 20, 38, TimeSpan.Zero).AddTicks(851530),
        UpdatedAt = DateTimeOffset.UnixEpoch,
        PublishedAt = null,
        Version = 42,
    };

    private static ProductListItem ListItem(string? status) => new(
        Guid.NewGuid(), Awkward, "item", "short\u2028desc", 19.990m, null, new ResourceRef(Guid.NewGuid(), "Brand & Co", "brand-co"),
        new ResourceRef(Guid.NewGuid(), "Cat <c>", "cat"), ["a", "<b>"], Json("""[{"url":"https://img.example/1.jpg?x=1&y=2","alt":"é"}]"""),
        true, false, 4.25m, 4, new DateTimeOffset(2025, 9, 4, 9, 20, 38, TimeSpan.Zero).AddTicks(851530))
    { Status = status };

    private static JsonElement Json(string json) => JsonElement.Parse(json);
}
