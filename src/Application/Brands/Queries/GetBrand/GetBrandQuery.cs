using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Brands.Queries.GetBrand;

/// <summary>One live brand by id or slug (storefront: active brands only).</summary>
public sealed record GetBrandQuery(string IdOrSlug) : IQuery<BrandResponse>;

internal sealed class GetBrandQueryHandler(IReadDbConnectionFactory connections) : IQueryHandler<GetBrandQuery, BrandResponse>
{
    private const string Sql = """
        SELECT id AS Id, name AS Name, slug AS Slug, description AS Description, logo_url AS LogoUrl,
               website_url AS WebsiteUrl, metadata::text AS Metadata, is_active AS IsActive,
               created_at AS CreatedAt, updated_at AS UpdatedAt, version AS Version
        FROM v_brands
        WHERE id = @Id OR slug = @Slug
        LIMIT 1
        """;

    public async Task<Result<BrandResponse>> Handle(GetBrandQuery request, CancellationToken cancellationToken)
    {
        Guid? id = Guid.TryParse(request.IdOrSlug, out var parsed) ? parsed : null;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BrandRow>(new CommandDefinition(Sql, new { Id = id, Slug = request.IdOrSlug }, cancellationToken: cancellationToken));
        return row is null ? Error.NotFound("brand", request.IdOrSlug) : row.ToResponse();
    }

    private sealed record BrandRow(Guid Id, string Name, string Slug, string? Description, string? LogoUrl, string? WebsiteUrl, string Metadata, bool IsActive, DateTime CreatedAt, DateTime UpdatedAt, long Version)
    {
        public BrandResponse ToResponse() => new(
            Id, Name, Slug, Description, LogoUrl, WebsiteUrl,
            System.Text.Json.JsonElement.Parse(Metadata), IsActive,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero))
        { Version = (uint)Version };
    }
}
