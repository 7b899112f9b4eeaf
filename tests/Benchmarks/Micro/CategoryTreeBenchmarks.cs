using BenchmarkDotNet.Attributes;
using Catalog.Application.Categories.Queries.GetCategoryTree;
using Catalog.DevelopmentDatabase.DemoData;
using Catalog.WebApi.Composition;
using Catalog.WebApi.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Benchmarks.Micro;

/// <summary>
/// The API's own work per storefront tree request at the benchmark catalog's 2,000 categories (every size has the same
/// tree: CatalogDataSpec), without the database: <see cref="Snapshot"/> copies the JSON written once per tree version
/// (ADR-102) into the response. The suite's category-tree scenario measures the whole request (the version read
/// included). The per-request assembly and serialisation this replaced is gone from the handler; it was measured here
/// until 2026-12-07 through a copy of the handler's assembly code (3,375 µs and 381 KB a request against 41 µs and
/// 72 B: ADR-102), a copy that no longer measured anything the API runs, so it was removed (issue 29).
/// </summary>
[Config(typeof(QuickConfig))]
public class CategoryTreeBenchmarks
{
    private readonly DefaultHttpContext _http = new();
    // The response body: written in full on both sides (a copy into a reused buffer stands for the socket's copy).
    private readonly MemoryStream _body = new(1 << 21);
    private CategoryTreeJson _json = null!;
    private CategoryTree _snapshot = null!;
    private ActionContext _action = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new CatalogDataGenerator(CatalogDataSpec.ForSize("10k"), new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), "-");
        // The tree as v_storefront_categories orders it: by sort order, then name and id, under each parent.
        var children = generator.Categories
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)
            .ToLookup(c => c.ParentId);
        CategoryNode[] Nodes(Guid? parent) =>
            [.. children[parent].Select(c => new CategoryNode(c.Id, c.Name, c.Slug, c.Description, null, c.SortOrder, Nodes(c.Id)))];
        var services = new ServiceCollection().AddCatalogWebApi().BuildServiceProvider();
        _json = services.GetRequiredService<CategoryTreeJson>();
        _snapshot = new CategoryTree(Nodes(null), 1);
        _http.Response.Body = _body;
        _action = new ActionContext(_http, new RouteData(), new ActionDescriptor());
    }

    [Benchmark]
    public Task Snapshot()
    {
        _body.SetLength(0);
        return _json.Ok(_snapshot).ExecuteResultAsync(_action);
    }
}
