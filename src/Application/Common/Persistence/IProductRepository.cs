using Catalog.Domain.Products;

namespace Catalog.Application.Common.Persistence;

public interface IProductRepository
{
    void Add(Product product);

    /// <summary>A live product, tracked.</summary>
    Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A product whether or not it is deleted, tracked.</summary>
    Task<Product?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A live product, tracked and row-locked until the transaction ends (serialises rating updates).</summary>
    Task<Product?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// A product whether or not it is deleted, tracked and row-locked: a deleted product's review figures still follow
    /// its reviews, so that they are right when the product is restored.
    /// </summary>
    Task<Product?> GetIncludingDeletedForUpdateAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Live products with these SKUs, by SKU; tracked unless <paramref name="tracked"/> is false (then <see cref="Attach"/> one before changing it).</summary>
    Task<Dictionary<string, Product>> GetBySkusAsync(IReadOnlyCollection<string> skus, bool tracked, CancellationToken cancellationToken);

    /// <summary>Starts tracking a product loaded untracked, as unchanged: what changes afterwards is saved.</summary>
    void Attach(Product product);

    /// <summary>Stops tracking a product: nothing of it is saved.</summary>
    void Detach(Product product);

    /// <summary>Which of these slugs live products use, with the id of the product using each (one query).</summary>
    Task<Dictionary<string, Guid>> SlugsInUseAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    /// <summary>Which of these ids are live categories (one query).</summary>
    Task<HashSet<Guid>> ExistingCategoryIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Which of these ids are live brands (one query).</summary>
    Task<HashSet<Guid>> ExistingBrandIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<bool> SlugExistsAsync(string slug, Guid? exceptId, CancellationToken cancellationToken);

    Task<bool> SkuExistsAsync(string sku, Guid? exceptId, CancellationToken cancellationToken);

    /// <summary>Both uniqueness checks of a write in one query: is the SKU (when given) or the slug used by another live product?</summary>
    Task<(bool SkuTaken, bool SlugTaken)> SkuOrSlugTakenAsync(string? sku, string slug, Guid? exceptId, CancellationToken cancellationToken);

    Task<bool> CategoryExistsAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> BrandExistsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="delta"/> to the stock in one statement that never lets it go below zero;
    /// null when the product is missing or the stock would go negative.
    /// </summary>
    Task<int?> TryAdjustStockAsync(Guid id, int delta, Guid? userId, CancellationToken cancellationToken);

    /// <summary>Reloads a tracked product's values from the database (after a statement that bypassed the change tracker).</summary>
    Task ReloadAsync(Product product, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> inside a savepoint: on a failed result or an exception only its changes are undone.</summary>
    Task<Domain.Common.Result> InSavepointAsync(string name, Func<Task<Domain.Common.Result>> work, CancellationToken cancellationToken);
}
