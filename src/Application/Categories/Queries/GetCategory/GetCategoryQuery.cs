using System.Text.Json;
using System.Text.Json.Serialization;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Queries;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Categories.Queries.GetCategory;

/// <summary>
/// One category by id or slug, with its parent, its children and its path from the root. The storefront's: a live,
/// active category with its active children. For categories:write, a category of <see cref="Status"/>
/// (<see cref="CatalogStatus"/>; by default a live one) with its children of those statuses, each with its status; a
/// slug that deleted categories share with a live one finds the live one first, then the most recently deleted (ADR-086).
/// </summary>
public sealed record GetCategoryQuery(string IdOrSlug, string? Status = null) : IQuery<CategoryDetail>;

public sealed record CategoryRef(Guid Id, string Name, string Slug)
{
    /// <summary><c>active</c>, <c>inactive</c> or <c>deleted</c>; staff answers only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}

public sealed record CategoryChild(Guid Id, string Name, string Slug, int SortOrder)
{
    /// <summary><c>active</c>, <c>inactive</c> or <c>deleted</c>; staff answers only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }
}

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
    [JsonIgnore]
    public uint Version { get; init; }

    /// <summary><c>active</c>, <c>inactive</c> or <c>deleted</c>; staff answers only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    /// <summary>When the category was deleted; staff answers about a deleted category only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>The category's metadata object; staff answers only, so that a PUT can send it back unchanged.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Metadata { get; init; }
}

internal sealed class GetCategoryQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser) : IQueryHandler<GetCategoryQuery, CategoryDetail>
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

    private const string StaffSql = """
        SELECT c.id AS Id, c.name AS Name, c.slug AS Slug, c.description AS Description, c.image_url AS ImageUrl,
               c.sort_order AS SortOrder, c.depth AS Depth, c.parent_id AS ParentId, c.created_at AS CreatedAt,
               c.updated_at AS UpdatedAt, category_breadcrumb_all(c.path)::text AS Path, c.version AS Version,
               c.status AS Status, c.deleted_at AS DeletedAt, c.metadata::text AS Metadata,
               coalesce((SELECT jsonb_agg(jsonb_build_object('id', k.id, 'name', k.name, 'slug', k.slug, 'sortOrder', k.sort_order,
                                                             'status', k.status, 'deletedAt', k.deleted_at)
                                          ORDER BY k.sort_order, k.name, k.id)
                           FROM v_all_categories k
                          WHERE k.parent_id = c.id AND k.status = ANY(@Statuses)), '[]'::jsonb)::text AS Children
          FROM v_all_categories c
         WHERE (c.id = @Id OR c.slug = @Slug) AND c.status = ANY(@Statuses)
         ORDER BY (c.id = @Id) IS TRUE DESC, c.deleted_at DESC NULLS FIRST
         LIMIT 1
        """;

    public async Task<Result<CategoryDetail>> Handle(GetCategoryQuery request, CancellationToken cancellationToken)
    {
        var statuses = CatalogStatus.Categories.Resolve(request.Status, currentUser);
        if (statuses.IsFailure)
        {
            return statuses.Error!;
        }

        Guid? id = Guid.TryParse(request.IdOrSlug, out var parsed) ? parsed : null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            statuses.Value is null ? Sql : StaffSql, new { Id = id, Slug = request.IdOrSlug, Statuses = statuses.Value }, cancellationToken: cancellationToken));
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
        {
            Version = (uint)row.Version,
            Status = row.Status,
            DeletedAt = row.DeletedAt is { } deletedAt ? new DateTimeOffset(DateTime.SpecifyKind(deletedAt, DateTimeKind.Utc)) : null,
            Metadata = row.Metadata is { } metadata ? JsonElement.Parse(metadata) : null,
        };
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

        public string? Status { get; init; }

        public DateTime? DeletedAt { get; init; }

        public string? Metadata { get; init; }
    }
}
