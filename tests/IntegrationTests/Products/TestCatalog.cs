using Catalog.Application.Common.Caching;
using Catalog.IntegrationTests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Catalog.IntegrationTests.Products;

/// <summary>A product row to insert; defaults give a published, active, in-stock product.</summary>
public sealed record TestProduct(string Name)
{
    public string? Slug { get; init; }

    public string? Description { get; init; }

    public string? ShortDescription { get; init; }

    public decimal Price { get; init; } = 10m;

    public decimal? CompareAtPrice { get; init; }

    public decimal? Cost { get; init; }

    public Guid? CategoryId { get; init; }

    public Guid? BrandId { get; init; }

    public string? Sku { get; init; }

    public int Stock { get; init; } = 5;

    public int LowStockThreshold { get; init; } = 2;

    public string[] Tags { get; init; } = [];

    public bool Featured { get; init; }

    public bool Active { get; init; } = true;

    public string Status { get; init; } = "published";

    public bool Deleted { get; init; }

    public decimal AverageRating { get; init; }

    public int ReviewCount { get; init; }

    public int[] RatingCounts { get; init; } = [0, 0, 0, 0, 0];

    public DateTime? CreatedAt { get; init; }
}

/// <summary>
/// Test data written straight into the test class's database with SQL, as the write side would leave it. After each
/// write the instance's catalog cache is evicted, as the write side's committed events would do.
/// </summary>
public sealed class TestCatalog(CatalogApiFactory factory)
{
    private static int _sequence;

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public async Task<Guid> BrandAsync(string? name = null, bool deleted = false, bool active = true)
    {
        name ??= Unique("brand");
        return await InsertAsync(
            "INSERT INTO brands (name, slug, is_active, deleted_at) VALUES (@name, @slug, @active, CASE WHEN @deleted THEN now() END) RETURNING id",
            new { name, slug = Slugify(name), active, deleted });
    }

    public async Task<Guid> CategoryAsync(string? name = null, Guid? parentId = null, bool active = true, int sortOrder = 0, bool deleted = false)
    {
        name ??= Unique("cat");
        return await InsertAsync(
            "INSERT INTO categories (name, slug, parent_id, is_active, sort_order, deleted_at) VALUES (@name, @slug, @parentId, @active, @sortOrder, CASE WHEN @deleted THEN now() END) RETURNING id",
            new { name, slug = Slugify(name), parentId, active, sortOrder, deleted });
    }

    public async Task<Guid> ProductAsync(TestProduct product)
    {
        // Distinct, increasing creation times unless given, so "newest" has a defined order.
        var createdAt = product.CreatedAt ?? DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref _sequence));
        return await InsertAsync(
            """
            INSERT INTO products (name, slug, description, short_description, price, compare_at_price, cost, category_id, brand_id,
                                  sku, stock_quantity, low_stock_threshold, tags, is_featured, is_active, status, deleted_at,
                                  average_rating, review_count, rating_counts, created_at)
            VALUES (@Name, @Slug, @Description, @ShortDescription, @Price, @CompareAtPrice, @Cost, @CategoryId, @BrandId,
                    @Sku, @Stock, @LowStockThreshold, @Tags, @Featured, @Active, @Status, CASE WHEN @Deleted THEN now() END,
                    @AverageRating, @ReviewCount, @RatingCounts, @CreatedAt)
            RETURNING id
            """,
            new
            {
                product.Name, Slug = product.Slug ?? Slugify(product.Name) + "-" + Guid.NewGuid().ToString("N")[..6], product.Description,
                product.ShortDescription, product.Price, product.CompareAtPrice, product.Cost, product.CategoryId, product.BrandId,
                product.Sku, product.Stock, product.LowStockThreshold, product.Tags, product.Featured, product.Active, product.Status,
                product.Deleted, product.AverageRating, product.ReviewCount, product.RatingCounts, CreatedAt = createdAt,
            });
    }

    public async Task<Guid> ReviewAsync(Guid productId, int rating, DateTime? createdAt = null, int helpful = 0, string? title = null)
    {
        var user = await factory.CreateUserAsync();
        return await InsertAsync(
            "INSERT INTO reviews (product_id, user_id, rating, title, helpful_count, created_at) VALUES (@productId, @userId, @rating, @title, @helpful, @createdAt) RETURNING id",
            new { productId, userId = user.Id, rating, title, helpful, createdAt = createdAt ?? DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref _sequence)) });
    }

    public async Task ExecuteAsync(string sql, object? parameters = null, bool evict = true)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
        if (evict)
        {
            await EvictAsync();
        }
    }

    public Task EvictAsync() => factory.Services.GetRequiredService<ICatalogCache>().EvictAllAsync(CancellationToken.None).AsTask();

    private static string Slugify(string name) => new(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private async Task<Guid> InsertAsync(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var id = await connection.ExecuteScalarAsync<Guid>(sql, parameters);
        await EvictAsync();
        return id;
    }
}
