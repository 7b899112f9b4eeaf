using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Dapper;
using FluentValidation;

namespace Catalog.Application.Brands.Queries.ListBrands;

/// <summary>A keyset page of live, active brands in name order (idx_brands_name).</summary>
public sealed record ListBrandsQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<BrandListItem>>;

public sealed record BrandListItem(Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? WebsiteUrl);

public sealed class ListBrandsQueryValidator : AbstractValidator<ListBrandsQuery>
{
    public ListBrandsQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, PageLimits.Max);
}

internal sealed class ListBrandsQueryHandler(IReadDbConnectionFactory connections, ICursorCodec cursors) : IQueryHandler<ListBrandsQuery, Page<BrandListItem>>
{
    private const string Scope = "brands/name";

    private const string Sql = """
        SELECT id AS Id, name AS Name, slug AS Slug, description AS Description, logo_url AS LogoUrl, website_url AS WebsiteUrl
          FROM v_storefront_brands
         WHERE (NOT @HasKey OR (name, id) > (@KName, @KId))
         ORDER BY name, id
         LIMIT @Take
        """;

    public async Task<Result<Page<BrandListItem>>> Handle(ListBrandsQuery request, CancellationToken cancellationToken)
    {
        var key = new Key(Guid.Empty, string.Empty);
        if (request.Cursor is not null)
        {
            var decoded = cursors.Decode<Key>(Scope, request.Cursor);
            if (decoded.IsFailure)
            {
                return decoded.Error!;
            }

            key = decoded.Value;
        }

        var limit = request.Limit ?? PageLimits.Default;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<BrandListItem>(new CommandDefinition(
            Sql, new { HasKey = request.Cursor is not null, KName = key.Name, KId = key.Id, Take = limit + 1 }, cancellationToken: cancellationToken))).AsList();
        var next = rows.Count > limit ? cursors.Encode(Scope, new Key(rows[limit - 1].Id, rows[limit - 1].Name)) : null;
        return new Page<BrandListItem>(rows.Take(limit).ToArray(), next);
    }

    private sealed record Key(Guid Id, string Name);
}
