using Catalog.Application.Common.Persistence;
using Catalog.Domain.Brands;
using Catalog.Domain.Categories;
using Catalog.Domain.Common;
using Catalog.Domain.Products;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Catalog.Infrastructure.Persistence.Repositories;

internal sealed class ProductRepository(CatalogDbContext db) : IProductRepository
{
    private const string AdjustStockSql = """
        UPDATE products
           SET stock_quantity = stock_quantity + @Delta, updated_at = now(), updated_by = @UserId
         WHERE id = @Id AND deleted_at IS NULL AND stock_quantity + @Delta >= 0
        RETURNING stock_quantity
        """;

    private const string SkuOrSlugTakenSql = """
        SELECT EXISTS (SELECT 1 FROM products WHERE sku = @Sku AND deleted_at IS NULL AND id IS DISTINCT FROM @ExceptId) AS SkuTaken,
               EXISTS (SELECT 1 FROM products WHERE slug = @Slug AND deleted_at IS NULL AND id IS DISTINCT FROM @ExceptId) AS SlugTaken
        """;

    public void Add(Product product) => db.Add(product);

    public async Task<(bool SkuTaken, bool SlugTaken)> SkuOrSlugTakenAsync(string? sku, string slug, Guid? exceptId, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return await connection.QuerySingleAsync<(bool SkuTaken, bool SlugTaken)>(
            new CommandDefinition(SkuOrSlugTakenSql, new { Sku = sku, Slug = slug, ExceptId = exceptId }, transaction, cancellationToken: cancellationToken));
    }

    public Task<Product?> GetByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Product>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Product?> GetIncludingDeletedAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Product>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    public Task<Product?> GetForUpdateAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Product>()
            .FromSql($"SELECT *, xmin FROM products WHERE id = {id} AND deleted_at IS NULL FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);

    public Task<Product?> GetIncludingDeletedForUpdateAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Product>()
            .FromSql($"SELECT *, xmin FROM products WHERE id = {id} FOR UPDATE")
            .IgnoreQueryFilters()
            .FirstOrDefaultAsync(cancellationToken);

    public Task<Dictionary<string, Product>> GetBySkusAsync(IReadOnlyCollection<string> skus, bool tracked, CancellationToken cancellationToken)
    {
        var query = db.Set<Product>().Where(p => p.Sku != null && skus.Contains(p.Sku));
        return (tracked ? query : query.AsNoTracking()).ToDictionaryAsync(p => p.Sku!, StringComparer.Ordinal, cancellationToken);
    }

    public void Attach(Product product) => db.Attach(product);

    public void Detach(Product product) => db.Entry(product).State = EntityState.Detached;

    public async Task<Dictionary<string, Guid>> SlugsInUseAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        slugs.Count == 0
            ? new Dictionary<string, Guid>(StringComparer.Ordinal)
            : await db.Set<Product>().AsNoTracking().Where(p => slugs.Contains(p.Slug)).Select(p => new { p.Slug, p.Id })
                .ToDictionaryAsync(p => p.Slug, p => p.Id, StringComparer.Ordinal, cancellationToken);

    public async Task<HashSet<Guid>> ExistingCategoryIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : [.. await db.Set<Category>().Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)];

    public async Task<HashSet<Guid>> ExistingBrandIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? [] : [.. await db.Set<Brand>().Where(b => ids.Contains(b.Id)).Select(b => b.Id).ToListAsync(cancellationToken)];

    public Task<bool> SlugExistsAsync(string slug, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Set<Product>().AnyAsync(p => p.Slug == slug && p.Id != exceptId, cancellationToken);

    public Task<bool> SkuExistsAsync(string sku, Guid? exceptId, CancellationToken cancellationToken) =>
        db.Set<Product>().AnyAsync(p => p.Sku == sku && p.Id != exceptId, cancellationToken);

    public Task<bool> CategoryExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Category>().AnyAsync(c => c.Id == id, cancellationToken);

    public Task<bool> BrandExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<Brand>().AnyAsync(b => b.Id == id, cancellationToken);

    public async Task<int?> TryAdjustStockAsync(Guid id, int delta, Guid? userId, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(AdjustStockSql, new { Id = id, Delta = delta, UserId = userId }, transaction, cancellationToken: cancellationToken));
    }

    public Task ReloadAsync(Product product, CancellationToken cancellationToken) => db.Entry(product).ReloadAsync(cancellationToken);

    public async Task<Result> InSavepointAsync(string name, Func<Task<Result>> work, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Savepoints need the command's transaction.");
        await transaction.CreateSavepointAsync(name, cancellationToken);
        try
        {
            var result = await work();
            if (result.IsSuccess)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync(name, cancellationToken);
                return result;
            }

            await UndoAsync(transaction, name, cancellationToken);
            return result;
        }
        catch (DbUpdateException)
        {
            // A unique index or a check refused the row (a race with another writer): only this row is undone.
            await UndoAsync(transaction, name, cancellationToken);
            return Error.Conflict("product.write_refused", "The database refused this row (a duplicate SKU or slug, or a removed reference).");
        }
    }

    private async Task UndoAsync(IDbContextTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await transaction.RollbackToSavepointAsync(name, cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
        {
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                await entry.ReloadAsync(cancellationToken);
            }
        }
    }
}
