using System.Text.Json;
using Catalog.Application.Common.Messaging;
using Catalog.Application.Common.Paging;
using Catalog.Application.Common.Persistence;
using Catalog.Domain.Common;
using Dapper;

namespace Catalog.Application.Products.Queries.SearchProducts;

/// <summary>Storefront search through <c>search_products()</c>: full-text rank with prefix words, trigram fallback.</summary>
public sealed record SearchProductsQuery(string? Q, int? Limit = null) : IQuery<IReadOnlyList<ProductSearchHit>>;

public sealed record ProductSearchHit(
    Guid Id,
    string Name,
    string Slug,
    string? ShortDescription,
    decimal Price,
    decimal? CompareAtPrice,
    JsonElement Images,
    decimal AverageRating,
    int ReviewCount,
    float Rank);

internal sealed class SearchProductsQueryHandler(IReadDbConnectionFactory connections)
    : IQueryHandler<SearchProductsQuery, IReadOnlyList<ProductSearchHit>>
{
    private const string Sql = """
        SELECT id AS Id, name AS Name, slug AS Slug, short_description AS ShortDescription, price AS Price,
               compare_at_price AS CompareAtPrice, images::text AS Images, average_rating AS AverageRating,
               review_count AS ReviewCount, rank AS Rank
          FROM search_products(@Q, @Limit)
        """;

    public async Task<Result<IReadOnlyList<ProductSearchHit>>> Handle(SearchProductsQuery request, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Sql, new { request.Q, Limit = request.Limit ?? PageLimits.Default }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToHit()).ToArray();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = string.Empty;

        public string Slug { get; init; } = string.Empty;

        public string? ShortDescription { get; init; }

        public decimal Price { get; init; }

        public decimal? CompareAtPrice { get; init; }

        public string? Images { get; init; }

        public decimal AverageRating { get; init; }

        public int ReviewCount { get; init; }

        public float Rank { get; init; }

        public ProductSearchHit ToHit() =>
            new(Id, Name, Slug, ShortDescription, Price, CompareAtPrice, JsonColumn.Parse(Images, "[]"), AverageRating, ReviewCount, Rank);
    }
}
