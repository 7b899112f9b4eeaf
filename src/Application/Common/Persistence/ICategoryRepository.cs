using Catalog.Domain.Categories;

namespace Catalog.Application.Common.Persistence;

public interface ICategoryRepository
{
    void Add(Category category);

    Task<Category?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A category whether or not it is deleted, tracked.</summary>
    Task<Category?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> SlugExistsAsync(string slug, Guid? exceptId, CancellationToken cancellationToken);

    /// <summary>How many levels of live descendants hang below the category (0 for a leaf).</summary>
    Task<int> SubtreeHeightAsync(Guid id, CancellationToken cancellationToken);

    Task<int> CountLiveChildrenAsync(Guid id, CancellationToken cancellationToken);

    Task<int> CountLiveProductsAsync(Guid id, CancellationToken cancellationToken);
}
