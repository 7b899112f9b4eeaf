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
          FROM categories
         WHERE deleted_at IS NULL AND is_active
         ORDER BY depth, sort_order, name, id
        """;

    public async Task<Result<IReadOnlyList<CategoryNode>>> Handle(GetCategoryTreeQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: cancellationToken))).AsList();
        var children = rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!.Value);
        return rows.Where(r => r.ParentId is null).Select(r => Build(r, children)).ToArray();
    }

    // Rows come ordered by depth, so a child whose parent is missing (inactive or deleted) is never reached.
    private static CategoryNode Build(Row row, ILookup<Guid, Row> children) =>
        new(row.Id, row.Name, row.Slug, row.Description, row.ImageUrl, row.SortOrder, children[row.Id].Select(c => Build(c, children)).ToArray());

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
