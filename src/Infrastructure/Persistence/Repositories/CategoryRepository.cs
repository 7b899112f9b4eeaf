using Catalog.Application.Common.Persistence;
using Catalog.Domain.Categories;
using Catalog.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class CategoryRepository(CatalogDbContext db) : ICategoryRepository
{
    public void Add(Category category) => db.Add(category);

    public Task<Category?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Category>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<Category?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Category>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<bool> SlugExistsAsync(string slug, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Set<Category>().AnyAsync(c => c.Slug == slug && c.Id != exceptId, cancellationToken);

    public async Task<int> SubtreeHeightAsync(Guid id, CancellationToken cancellationToken)
    {
        var heights = await db.Database
            .SqlQuery<int>($"""
                SELECT coalesce(max(cardinality(c.path) - array_position(c.path, {id})), 0) AS "Value"
                FROM categories c
                WHERE c.path @> ARRAY[{id}]::uuid[] AND c.deleted_at IS NULL
                """)
            .ToListAsync(cancellationToken);
        return heights.FirstOrDefault();
    }

    public Task<int> CountLiveChildrenAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Category>().CountAsync(c => c.ParentId == id, cancellationToken);

    public Task<int> CountLiveProductsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Product>().CountAsync(p => p.CategoryId == id, cancellationToken);
}
