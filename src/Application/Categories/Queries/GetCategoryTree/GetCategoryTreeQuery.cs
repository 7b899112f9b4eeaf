using System.Text.Json.Serialization;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Queries;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Categories.Queries.GetCategoryTree;

/// <summary>
/// The category tree, read in one query and assembled in memory. The storefront's: a category shows only when it and
/// every ancestor are live and active, so an inactive category hides its subtree. For categories:write, the categories
/// of <see cref="Status"/> (<see cref="CatalogStatus"/>; by default the live ones), each under its parent: the ancestors
/// of a shown category are shown too, whatever their status, so that none is cut off from its root (ADR-086).
/// </summary>
public sealed record GetCategoryTreeQuery(string? Status = null) : IQuery<CategoryTree>;

/// <summary>
/// A tree answer: its roots and, for the storefront's tree, the version of the categories it was built from
/// (<c>category_tree_version</c>, ADR-102). Trees of one version are the same tree; a staff tree has none.
/// </summary>
public sealed record CategoryTree(IReadOnlyList<CategoryNode> Roots, long? Version);

public sealed record CategoryNode(Guid Id, string Name, string Slug, string? Description, string? ImageUrl, int SortOrder, IReadOnlyList<CategoryNode> Children)
{
    /// <summary><c>active</c>, <c>inactive</c> or <c>deleted</c>; staff answers only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>The storefront tree last built by this process, shared by every request (one per host).</summary>
internal sealed class StorefrontCategoryTreeSnapshot
{
    private CategoryTree? _current;

    public CategoryTree? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}

internal sealed class GetCategoryTreeQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser, StorefrontCategoryTreeSnapshot snapshot)
    : IQueryHandler<GetCategoryTreeQuery, CategoryTree>
{
    private const string VersionSql = "SELECT version FROM category_tree_version";

    private const string Sql = """
        SELECT id AS Id, parent_id AS ParentId, name AS Name, slug AS Slug, description AS Description,
               image_url AS ImageUrl, sort_order AS SortOrder
          FROM v_storefront_categories
         ORDER BY depth, sort_order, name, id
        """;

    // Every category on the path (root to itself) of a category of the requested statuses.
    private const string StaffSql = """
        SELECT c.id AS Id, c.parent_id AS ParentId, c.name AS Name, c.slug AS Slug, c.description AS Description,
               c.image_url AS ImageUrl, c.sort_order AS SortOrder, c.status AS Status, c.deleted_at AS DeletedAt
          FROM v_all_categories c
         WHERE c.id IN (SELECT unnest(m.path) FROM v_all_categories m WHERE m.status = ANY(@Statuses))
         ORDER BY c.depth, c.sort_order, c.name, c.id
        """;

    public async Task<Result<CategoryTree>> Handle(GetCategoryTreeQuery request, CancellationToken cancellationToken)
    {
        var statuses = CatalogStatus.Categories.Resolve(request.Status, currentUser);
        if (statuses.IsFailure)
        {
            return statuses.Error!;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        if (statuses.Value is { } staff)
        {
            var staffRows = await connection.QueryAsync<Row>(new CommandDefinition(StaffSql, new { Statuses = staff }, cancellationToken: cancellationToken));
            return new CategoryTree(Assemble(staffRows.AsList()), null);
        }

        // The storefront tree is the same for every caller until a category changes: one small query tells whether the
        // snapshot is still the database's (ADR-102). The rows are read after the version, so a snapshot is never older
        // than its number; one built from rows a change newer is rebuilt once more on the next request.
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(VersionSql, cancellationToken: cancellationToken));
        if (snapshot.Current is { } current && current.Version == version)
        {
            return current;
        }

        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, cancellationToken: cancellationToken));
        var tree = new CategoryTree(Assemble(rows.AsList()), version);
        snapshot.Current = tree;
        return tree;
    }

    private static CategoryNode[] Assemble(List<Row> rows)
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

    // Rows come ordered by depth, so a child whose parent is missing (inactive or deleted) is never reached.
    private static CategoryNode[] Build(List<Row> level, Dictionary<Guid, List<Row>> children)
    {
        var nodes = new CategoryNode[level.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            var row = level[i];
            var below = children.TryGetValue(row.Id, out var kids) ? Build(kids, children) : [];
            nodes[i] = new CategoryNode(row.Id, row.Name, row.Slug, row.Description, row.ImageUrl, row.SortOrder, below)
            {
                Status = row.Status,
                DeletedAt = row.DeletedAt is { } deletedAt ? new DateTimeOffset(DateTime.SpecifyKind(deletedAt, DateTimeKind.Utc)) : null,
            };
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

        public string? Status { get; init; }

        public DateTime? DeletedAt { get; init; }
    }
}
