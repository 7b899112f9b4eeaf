namespace Catalog.Application.Products;

/// <summary>
/// The sorts of the product list. Each is a keyset order ending in the id, so that a page is "the next
/// <c>limit</c> rows after the cursor's key" and costs the same at any depth; each is served by one of the
/// storefront keyset indexes of 0001 (relevance ranks the matching rows instead).
/// </summary>
internal sealed record ProductSort(string Name, string OrderBy, string After)
{
    public const string Relevance = "relevance";
    public const string Newest = "newest";

    private const string Rank = "ts_rank(p.search_vector, catalog_search_tsquery(@Q))";

    public static readonly IReadOnlyList<ProductSort> All =
    [
        new(Relevance, $"{Rank} DESC, p.id", $"({Rank} < @KRank OR ({Rank} = @KRank AND p.id > @KId))"),
        new("price", "p.price, p.id", "(p.price, p.id) > (@KPrice, @KId)"),
        new("-price", "p.price DESC, p.id DESC", "(p.price, p.id) < (@KPrice, @KId)"),
        new("name", "p.name, p.id", "(p.name, p.id) > (@KName, @KId)"),
        new("-name", "p.name DESC, p.id DESC", "(p.name, p.id) < (@KName, @KId)"),
        new(Newest, "p.created_at DESC, p.id DESC", "(p.created_at, p.id) < (@KCreatedAt, @KId)"),
        new("rating", "p.average_rating DESC, p.id DESC", "(p.average_rating, p.id) < (@KRating, @KId)"),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    public static string RankExpression => Rank;

    /// <summary>The sort to use: relevance needs a query, so without one it becomes newest (also the default).</summary>
    public static ProductSort Resolve(string? requested, bool hasQuery)
    {
        var name = string.IsNullOrEmpty(requested) ? (hasQuery ? Relevance : Newest) : requested;
        if (name == Relevance && !hasQuery)
        {
            name = Newest;
        }

        return All.Single(s => s.Name == name);
    }
}

/// <summary>The sort key of the last row of a page; only the fields of the page's sort are set.</summary>
internal sealed record ProductCursor(Guid Id, decimal? Price = null, string? Name = null, DateTime? CreatedAt = null, decimal? Rating = null, float? Rank = null);
