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
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace Catalog.Benchmarks.Micro;

/// <summary>
/// The API's own work per storefront tree request at the benchmark catalog's 2,000 categories (every size has the same
/// tree: CatalogDataSpec), without the database: <see cref="PerRequest"/> is what each request did before ADR-102
/// (assemble the nodes from the rows, then MVC's System.Text.Json serialisation into the response), <see cref="Snapshot"/>
/// what it does now while the version is unchanged (copy the JSON written once). Not counted on either side: reading the
/// rows (before: 2,000 rows mapped by Dapper) and the version (after: one scalar) from PostgreSQL; the suite's
/// category-tree scenario measures the whole request.
/// </summary>
[Config(typeof(QuickConfig))]
public class CategoryTreeBenchmarks
{
    private readonly DefaultHttpContext _http = new();
    // The response body: written in full on both sides (a copy into a reused buffer stands for the socket's copy).
    private readonly MemoryStream _body = new(1 << 21);
    private Row[] _rows = [];
    private JsonSerializerOptions _mvcJson = null!;
    private CategoryTreeJson _json = null!;
    private CategoryTree _snapshot = null!;
    private ActionContext _action = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new CatalogDataGenerator(CatalogDataSpec.ForSize("10k"), new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), "-");
        // v_storefront_categories ORDER BY depth, sort_order, name, id; fresh strings, as Dapper hands each request.
        _rows = generator.Categories
            .OrderBy(c => c.Depth).ThenBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Id)
            .Select(c => new Row(c.Id, c.ParentId, new string(c.Name), new string(c.Slug), new string(c.Description), c.SortOrder))
            .ToArray();
        var services = new ServiceCollection().AddCatalogWebApi().BuildServiceProvider();
        _mvcJson = services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;
        _json = services.GetRequiredService<CategoryTreeJson>();
        _snapshot = new CategoryTree(Assemble(_rows), 1);
        _http.Response.Body = _body;
        _action = new ActionContext(_http, new RouteData(), new ActionDescriptor());
    }

    [Benchmark(Baseline = true)]
    public async Task PerRequest()
    {
        _body.SetLength(0);
        var nodes = Assemble(_rows);
        await JsonSerializer.SerializeAsync(_http.Response.Body, nodes, nodes.GetType(), _mvcJson);
    }

    [Benchmark]
    public Task Snapshot()
    {
        _body.SetLength(0);
        return _json.Ok(_snapshot).ExecuteResultAsync(_action);
    }

    // The handler's assembly of the tree (GetCategoryTreeQueryHandler), over the generated rows.
    private static CategoryNode[] Assemble(Row[] rows)
    {
        var roots = new List<Row>();
        var children = new Dictionary<Guid, List<Row>>();
        foreach (var row in rows)
        {
            if (row.ParentId is not { } parentId)
            {
                roots.Add(row);
            }
            else if (children.TryGetValue(parentId, out var siblings))
            {
                siblings.Add(row);
            }
            else
            {
                children[parentId] = [row];
            }
        }

        return Build(roots, children);
    }

    private static CategoryNode[] Build(List<Row> level, Dictionary<Guid, List<Row>> children)
    {
        var nodes = new CategoryNode[level.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            var row = level[i];
            var below = children.TryGetValue(row.Id, out var kids) ? Build(kids, children) : [];
            nodes[i] = new CategoryNode(row.Id, row.Name, row.Slug, row.Description, null, row.SortOrder, below);
        }

        return nodes;
    }

    private sealed record Row(Guid Id, Guid? ParentId, string Name, string Slug, string Description, int SortOrder);
}
