using Catalog.Domain.Brands;

namespace Catalog.Application.Common.Persistence;

public interface IBrandRepository
{
    void Add(Brand brand);

    Task<Brand?> GetByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A brand whether or not it is deleted, tracked.</summary>
    Task<Brand?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken);

    Task<bool> SlugExistsAsync(string slug, Guid? exceptId, CancellationToken cancellationToken);
}
