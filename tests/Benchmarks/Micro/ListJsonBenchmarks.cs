using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Catalog.Application.Common.Paging;
using Catalog.Application.Products;
using Catalog.WebApi.Composition;
using Catalog.WebApi.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Benchmarks.Micro;

/// <summary>
/// Writing one storefront product page (20 items, as <c>GET /products?limit=20</c> answers) as JSON: with the options of
/// MVC's output formatter (reflection-based metadata, what answered until ADR-122) and as
/// <see cref="GeneratedJsonResult"/> writes it (the generated code of <see cref="ReadModelJsonContext"/> through a writer
/// with the formatter's encoder, <see cref="ResponseJson"/>). The items are shaped like the benchmark catalog's: two
/// images, three tags, a brand and a category.
/// </summary>
[Config(typeof(QuickConfig))]
public class ListJsonBenchmarks
{
    private readonly MemoryStream _body = new(1 << 16);
    private readonly ArrayBufferWriter<byte> _output = new(1 << 16);
    private JsonSerializerOptions _mvc = null!;
    private JsonWriterOptions _writer;
    private Page<ProductListItem> _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddCatalogWebApi().BuildServiceProvider();
        _mvc = services.GetRequiredService<ResponseJson>().Options;
        _writer = services.GetRequiredService<ResponseJson>().WriterOptions;
        var brand = new ResourceRef(Guid.NewGuid(), "Northwind Outfitters", "northwind-outfitters");
        var category = new ResourceRef(Guid.NewGuid(), "Trail Running Shoes", "trail-running-shoes");
        var items = Enumerable.Range(1, 20).Select(i =>
        {
            var slug = $"lightweight-trail-runner-model-{i:D5}";
            var images = JsonElement.Parse(
                $$"""[{"url":"https://img.demo.catalog.test/products/{{slug}}-1.jpg","alt":"Lightweight Trail Runner {{i}}","position":0},{"url":"https://img.demo.catalog.test/products/{{slug}}-2.jpg","alt":"Lightweight Trail Runner {{i}}","position":1}]""");
            return new ProductListItem(
                Guid.NewGuid(), $"Lightweight Trail Runner Model {i}", slug,
                "A breathable, cushioned trail shoe with a grippy outsole for mixed terrain and long distances.",
                89.90m + i, i % 3 == 0 ? 119.00m : null, brand, category, ["running", "trail", "outdoor"], images,
                i % 5 == 0, true, 4.2m, 17 + i, new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.Zero).AddMinutes(-i));
        }).ToArray();
        _page = new Page<ProductListItem>(items, "eyJjIjoiMjAyNi0xMS0yMlQwODoxMDowMFoiLCJpIjoiMDE5MyJ9.c2lnbmF0dXJl");
    }

    [Benchmark(Baseline = true)]
    public Task MvcOptions()
    {
        _body.SetLength(0);
        return JsonSerializer.SerializeAsync(_body, _page, _page.GetType(), _mvc);
    }

    [Benchmark]
    public void Generated()
    {
        _output.ResetWrittenCount();
        GeneratedJsonResult.For(_page)!.WriteTo(_output, _writer);
    }
}
