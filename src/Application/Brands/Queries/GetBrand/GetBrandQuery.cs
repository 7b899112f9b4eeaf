using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Application.Common.Queries;
using Catalog.Application.Common.Security;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Brands.Queries.GetBrand;

/// <summary>
/// One brand by id or slug. The storefront's: a live brand, active or not (a product of an inactive brand still links to
/// it), or with <c>status=active</c> an active one. For brands:write, a brand of <see cref="Status"/>
/// (<see cref="CatalogStatus"/>), with its status; a slug that deleted brands share with a live one finds the live one
/// first, then the most recently deleted (ADR-086).
/// </summary>
public sealed record GetBrandQuery(string IdOrSlug, string? Status = null) : IQuery<BrandResponse>;

internal sealed class GetBrandQueryHandler(IReadDbConnectionFactory connections, ICurrentUser currentUser) : IQueryHandler<GetBrandQuery, BrandResponse>
{
    private const string Columns = """
        SELECT id AS Id, name AS Name, slug AS Slug, description AS Description, logo_url AS LogoUrl,
               website_url AS WebsiteUrl, metadata::text AS Metadata, is_active AS IsActive,
               created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        """;

    private const string Sql = Columns + """

        FROM v_brands
        WHERE id = @Id OR slug = @Slug
        LIMIT 1
        """;

    private const string ActiveSql = Columns + """

        FROM v_storefront_brands
        WHERE id = @Id OR slug = @Slug
        LIMIT 1
        """;

    private const string StaffSql = Columns + ", " + BrandRow.StaffColumns + """

        FROM v_all_brands
        WHERE (id = @Id OR slug = @Slug) AND status = ANY(@Statuses)
        ORDER BY (id = @Id) IS TRUE DESC, deleted_at DESC NULLS FIRST
        LIMIT 1
        """;

    public async Task<Result<BrandResponse>> Handle(GetBrandQuery request, CancellationToken cancellationToken)
    {
        var statuses = CatalogStatus.Brands.Resolve(request.Status, currentUser);
        if (statuses.IsFailure)
        {
            return statuses.Error!;
        }

        var sql = statuses.Value is not null ? StaffSql : request.Status == CatalogStatus.Active ? ActiveSql : Sql;
        Guid? id = Guid.TryParse(request.IdOrSlug, out var parsed) ? parsed : null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BrandRow>(new CommandDefinition(
            sql, new { Id = id, Slug = request.IdOrSlug, Statuses = statuses.Value }, cancellationToken: cancellationToken));
        return row is null ? Error.NotFound("brand", request.IdOrSlug) : row.ToResponse();
    }
}
