using System.Text.Json;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Categories.Queries.GetCategory;

/// <summary>One live, active category by id or slug, with its parent, its active children and its path from the root.</summary>
public sealed record GetCategoryQuery(string IdOrSlug) : IQuery<CategoryDetail>;

public sealed record CategoryRef(Guid Id, string Name, string Slug);

public sealed record CategoryChild(Guid Id, string Name, string Slug, int SortOrder);

public sealed record CategoryDetail(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? ImageUrl,
    int SortOrder,
    int Depth,
    CategoryRef? Parent,
    IReadOnlyList<CategoryChild> Children,
    IReadOnlyList<CategoryRef> Path,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public uint Version { get; init; }
}

internal sealed class GetCategoryQueryHandler(IReadDbConnectionFactory connections) : IQueryHandler<GetCategoryQuery, CategoryDetail>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Sql = """
        SELECT c.id AS Id, c.name AS Name, c.slug AS Slug, c.description AS Description, c.image_url AS ImageUrl,
               c.sort_order AS SortOrder, c.depth AS Depth, c.parent_id AS ParentId, c.created_at AS CreatedAt,
               c.updated_at AS UpdatedAt, category_breadcrumb(c.path)::text AS Path, c.version AS Version,
               coalesce((SELECT jsonb_agg(jsonb_build_object('id', k.id, 'name', k.name, 'slug', k.slug, 'sortOrder', k.sort_order)
                                          ORDER BY k.sort_order, k.name, k.id)
                           FROM v_storefront_categories k
                          WHERE k.parent_id = c.id), '[]'::jsonb)::text AS Children
          FROM v_storefront_categories c
         WHERE c.id = @Id OR c.slug = @Slug
         LIMIT 1
        """;

    public async Task<Result<CategoryDetail>> Handle(GetCategoryQuery request, CancellationToken cancellationToken)
    {
        Guid? id = Guid.TryParse(request.IdOrSlug, out var parsed) ? parsed : null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Sql, new { Id = id, Slug = request.IdOrSlug }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return Error.NotFound("category", request.IdOrSlug);
        }

        var path = JsonSerializer.Deserialize<CategoryRef[]>(row.Path, Json) ?? [];
        var parent = row.ParentId is { } parentId ? path.FirstOrDefault(p => p.Id == parentId) : null;
        return new CategoryDetail(
            row.Id, row.Name, row.Slug, row.Description, row.ImageUrl, row.SortOrder, row.Depth, parent,
            JsonSerializer.Deserialize<CategoryChild[]>(row.Children, Json) ?? [], path,
            new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc)))
        { Version = (uint)row.Version };
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Slug { get; init; } = string.Empty;

        public string? Description { get; init; }

        public string? ImageUrl { get; init; }

        public int SortOrder { get; init; }

        public int Depth { get; init; }

        public Guid? ParentId { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime UpdatedAt { get; init; }

        public string Path { get; init; } = "[]";

        public string Children { get; init; } = "[]";

        public long Version { get; init; }
    }
}
