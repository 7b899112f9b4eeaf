using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Categories.Queries.GetCategoryTree;

/// <summary>
/// The whole active category tree, read in one query and assembled in memory. A category shows only when it and
/// every ancestor are live and active: an inactive category hides its subtree.
/// </summary>
public sealed record GetCategoryTreeQuery : IQuery<IReadOnlyList<CategoryNode>>;

public sealed record CategoryNode(Guid Id, string Name, string Slug, string? Description, string? ImageUrl, int SortOrder, IReadOnlyList<CategoryNode> Children);

internal sealed class GetCategoryTreeQueryHandler(IReadDbConnectionFactory connections) : IQueryHandler<GetCategoryTreeQuery, IReadOnlyList<CategoryNode>>
{
    private const string Sql = """
        SELECT id AS Id, parent_id AS ParentId, name AS Name, slug AS Slug, description AS Description,
               image_url AS ImageUrl, sort_order AS SortOrder
          FROM v_storefront_categories
         ORDER BY depth, sort_order, name, id
        """;

    public async Task<Result<IReadOnlyList<CategoryNode>>> Handle(GetCategoryTreeQuery request, CancellationToken cancellationToken)
    {
        List<Row> rows;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).AsList();
        }

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

    // Rows come ordered by depth, so a child whose parent is missing (inactive or deleted) is never reached. Plain loops:
    // the whole tree is built for every uncached request (2,000 nodes), and LINQ's closures and enumerators per node
    // were a sixth of what a request allocated.
    private static CategoryNode[] Build(List<Row> level, Dictionary<Guid, List<Row>> children)
    {
        var nodes = new CategoryNode[level.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            var row = level[i];
            var below = children.TryGetValue(row.Id, out var kids) ? Build(kids, children) : [];
            nodes[i] = new CategoryNode(row.Id, row.Name, row.Slug, row.Description, row.ImageUrl, row.SortOrder, below);
        }

        return nodes;
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public Guid? ParentId { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Slug { get; init; } = string.Empty;

        public string? Description { get; init; }

        public string? ImageUrl { get; init; }

        public int SortOrder { get; init; }
    }
}
