using System.Text.Json.Serialization;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Queries;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Brands.Queries.ListBrands;

/// <summary>
/// A keyset page of brands in name order: the storefront's live, active brands (idx_brands_name), or for brands:write
/// the brands of <see cref="Status"/> (<see cref="CatalogStatus"/>; by default the live ones, inactive included).
/// </summary>
public sealed record ListBrandsQuery(int? Limit = null, string? Cursor = null, string? Status = null) : IQuery<Page<BrandListItem>>;

/// <summary>One brand of a list page; <see cref="Status"/>, <see cref="DeletedAt"/> and <see cref="ArchivedAt"/> only in staff answers.</summary>
public sealed record BrandListItem(Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? WebsiteUrl)
{
    /// <summary><c>active</c>, <c>inactive</c>, <c>archived</c> or <c>deleted</c>; staff answers only.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DeletedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ArchivedAt { get; init; }
}

internal sealed class ListBrandsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors, ICurrentUser currentUser)
    : IQueryHandler<ListBrandsQuery, Page<BrandListItem>>
{
    private const string Scope = "brands/name";

    private const string Sql = """
        SELECT id AS Id, name AS Name, slug AS Slug, description AS Description, logo_url AS LogoUrl, website_url AS WebsiteUrl
          FROM v_storefront_brands
         WHERE (NOT @HasKey OR (name, id) > (@KName, @KId))
         ORDER BY name, id
         LIMIT @Take
        """;

    private const string StaffSql = """
        SELECT id AS Id, name AS Name, slug AS Slug, description AS Description, logo_url AS LogoUrl, website_url AS WebsiteUrl,
        """ + BrandRow.StaffColumns + """

          FROM v_all_brands
         WHERE status = ANY(@Statuses) AND (NOT @HasKey OR (name, id) > (@KName, @KId))
         ORDER BY name, id
         LIMIT @Take
        """;

    public async Task<Result<Page<BrandListItem>>> Handle(ListBrandsQuery request, CancellationToken cancellationToken)
    {
        var statuses = CatalogStatus.Brands.Resolve(request.Status, currentUser);
        if (statuses.IsFailure)
        {
            return statuses.Error!;
        }

        // The storefront's cursors keep their scope; each staff status has its own.
        var scope = statuses.Value is null ? Scope : $"brands/{CatalogStatus.Scope(request.Status)}/name";
        var page = cursors.Start<Key>(scope, request.Cursor, request.Limit);
        if (page.IsFailure)
        {
            return page.Error!;
        }

        var keyset = page.Value;
        var parameters = new { keyset.HasKey, KName = keyset.After?.Name ?? string.Empty, KId = keyset.After?.Id ?? Guid.Empty, keyset.Take, Statuses = statuses.Value };
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<BrandRow>(new CommandDefinition(
            statuses.Value is null ? Sql : StaffSql, parameters, cancellationToken: cancellationToken))).AsList();
        return cursors.ToPage(keyset, rows, r => new Key(r.Id, r.Name), r => r.ToListItem());
    }

    private sealed record Key(Guid Id, string Name);
}
