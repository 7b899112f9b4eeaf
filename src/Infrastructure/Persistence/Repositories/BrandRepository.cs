using Catalog.Application.Common.Persistence;
using Catalog.Domain.Brands;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class BrandRepository(CatalogDbContext db) : IBrandRepository
{
    public void Add(Brand brand) => db.Add(brand);

    public Task<Brand?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Brand>().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);

    public Task<Brand?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Brand>().IgnoreQueryFilters().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);

    public Task<bool> SlugExistsAsync(string slug, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Set<Brand>().AnyAsync(b => b.Slug == slug && b.Id != exceptId, cancellationToken);
}
