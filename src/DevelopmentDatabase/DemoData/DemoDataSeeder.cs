using System.Diagnostics;
using Catalog.Application.Common.Identity;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>
/// Development demo catalog (Seed:DemoData): when <c>products</c> is empty, loads <see cref="CatalogDataSpec.Demo"/>
/// with the benchmark generator, by binary COPY, in one transaction. An advisory lock keeps two starting
/// instances from seeding twice.
/// </summary>
internal sealed class DemoDataSeeder(NpgsqlDataSource dataSource, IPasswordHasher hasher, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    /// <returns>True when this call loaded the data; false when the catalog already had products.</returns>
    public async Task<bool> SeedAsync(CatalogDataSpec spec, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('catalog_demo_seed'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        // A separate statement, so that its snapshot is taken after the lock: it sees another seeder's commit.
        await using (var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM products)", connection, transaction))
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                logger.LogInformation("Demo data: products exist, nothing seeded");
                return false;
            }
        }

        var now = time.GetUtcNow();
        var anchor = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        var generator = new CatalogDataGenerator(spec, anchor, hasher.Hash(CatalogDataSpec.UserPassword));
        var users = await CatalogBulkWriter.CopyUsersAsync(connection, generator.Users(), cancellationToken);
        await CatalogBulkWriter.CopyCategoriesAsync(connection, generator.Categories, cancellationToken);
        await CatalogBulkWriter.CopyBrandsAsync(connection, generator.Brands, cancellationToken);
        var products = await CatalogBulkWriter.CopyProductsAsync(connection, generator.Products(), cancellationToken);
        var reviews = await CatalogBulkWriter.CopyReviewsAsync(connection, generator.Reviews(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Demo data seeded in {ElapsedMs} ms: {Products} products, {Categories} categories, {Brands} brands, {Reviews} reviews by {Users} users (password {Password}, e.g. {Email})",
            stopwatch.ElapsedMilliseconds, products, generator.Categories.Count, generator.Brands.Count, reviews, users,
            CatalogDataSpec.UserPassword, CatalogDataGenerator.UserEmail(0));
        return true;
    }
}
