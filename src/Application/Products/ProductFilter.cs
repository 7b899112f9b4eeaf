namespace Catalog.Application.Products;

/// <summary>
/// The filters of the product list, shared by the storefront list, the back-office lists and the export.
/// <see cref="Category"/> and <see cref="Brand"/> take an id or a slug; a category includes its descendants;
/// <see cref="Tags"/> match products carrying all of them; <see cref="Status"/> is back office only.
/// </summary>
public sealed record ProductFilter(
    string? Q = null,
    string? Category = null,
    string? Brand = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    IReadOnlyList<string>? Tags = null,
    bool? Featured = null,
    bool? InStock = null,
    string? Status = null)
{
    public const int MaxQueryLength = 200;
    public const int MaxTags = 20;

    public static readonly IReadOnlyList<string> Statuses = ["draft", "in_review", "published", "rejected", "archived"];

    /// <summary>Not a workflow status: the back-office list of soft-deleted products (any status), for products:read.</summary>
    public const string Deleted = "deleted";

    public bool IsDeletedList => Status == Deleted;

    public bool HasQuery => !string.IsNullOrWhiteSpace(Q);

    /// <summary>Tags as given, split on commas (so both <c>tags=a,b</c> and <c>tags=a&amp;tags=b</c> work).</summary>
    public static IReadOnlyList<string> SplitTags(IEnumerable<string>? tags) =>
        tags is null ? [] : tags.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToArray();
}
