using System.Diagnostics;
using Catalog.DevelopmentDatabase.DemoData;
using Npgsql;

namespace Catalog.Benchmarks.Loading;

/// <summary>
/// Loads a benchmark size into a migrated, empty database (ADR-061): secondary indexes dropped; audit_logs on its own
/// connection, concurrently with the catalog (partitions created in the COPY's transaction, so a wal_level = minimal
/// cluster writes no WAL for them); users, categories, brands, then products and reviews over two binary COPY streams
/// each; index builds, VACUUM and ANALYZE from one heaviest-first queue (<see cref="BuildQueue"/>) served by every
/// connection whose COPY is done. The suite runs it on a cluster in bulk-load mode (bench/suite.py).
/// </summary>
internal static class LoadCommand
{
    private static readonly string[] BulkTables = ["users", "products", "reviews", "audit_logs", "category_subtree_products", "search_name_words"];
    private const string AuditMarker = " ON public.audit_logs ";

    public static async Task<int> RunAsync(ToolArguments options)
    {
        var spec = CatalogDataSpec.ForSize(options.Required("size"));
        var connectionString = options.Required("connection");
        var anchor = options.Optional("anchor") is { } a ? DateTimeOffset.Parse(a, System.Globalization.CultureInfo.InvariantCulture) : new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var total = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        if (await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM products)"))
        {
            Console.Error.WriteLine("products is not empty: load into a freshly migrated database.");
            return 1;
        }

        Console.WriteLine($"Loading '{spec.Name}': {spec.Products:N0} products, {spec.Categories:N0} categories, {spec.Brands:N0} brands, {spec.Users:N0} users, ~{spec.Products * spec.ReviewsPerProduct:N0} reviews, {spec.AuditRows:N0} audit rows");
        Console.WriteLine($"  server: wal_level {await ScalarAsync<string>(connection, "SHOW wal_level")}, fsync {await ScalarAsync<string>(connection, "SHOW fsync")}, " +
                          $"full_page_writes {await ScalarAsync<string>(connection, "SHOW full_page_writes")}, synchronous_commit {await ScalarAsync<string>(connection, "SHOW synchronous_commit")}");
        var hash = new Catalog.Infrastructure.Identity.AspNetPasswordHasher().Hash(CatalogDataSpec.UserPassword);
        var generator = new CatalogDataGenerator(spec, anchor, hash);
        var indexes = await SecondaryIndexes.DropAsync(connection, BulkTables);
        Console.WriteLine($"  dropped {indexes.Count} secondary indexes");
        var auditIndexes = indexes.Where(i => i.Definition.Contains(AuditMarker, StringComparison.Ordinal)).ToList();
        var catalogIndexes = indexes.Except(auditIndexes).ToList();

        // Post-COPY work, heaviest first (rows × 3 for GIN builds); two producers: the audit connection and the catalog.
        long Rows(string definition) =>
            definition.Contains(AuditMarker, StringComparison.Ordinal) ? spec.AuditRows
            : definition.Contains(" ON public.reviews ", StringComparison.Ordinal) ? (long)(spec.Products * spec.ReviewsPerProduct)
            : definition.Contains(" ON public.products ", StringComparison.Ordinal) ? spec.Products
            : definition.Contains(" ON public.category_subtree_products ", StringComparison.Ordinal) ? spec.Products * 4
            : definition.Contains(" ON public.search_name_words ", StringComparison.Ordinal) ? spec.Products * 4
            : spec.Users;
        (string, string, long) Build((string Name, string Definition) index) =>
            (index.Name, index.Definition, Rows(index.Definition) * (index.Definition.Contains("USING gin", StringComparison.Ordinal) ? 3 : 1));
        var queue = new BuildQueue(producers: 2);
        var work = Stopwatch.StartNew();

        var auditLoad = Task.Run(async () =>
        {
            await using var auditConnection = await dataSource.OpenConnectionAsync();
            try
            {
                await PrepareSessionAsync(auditConnection);
                await using (var transaction = await auditConnection.BeginTransactionAsync())
                {
                    var partitions = await AuditPartitions.EnsureAsync(auditConnection, generator.AuditStart, generator.Anchor);
                    Console.WriteLine($"  created {partitions} audit_logs partitions in the COPY's transaction");
                    await Timed("audit_logs", () => CatalogBulkWriter.CopyAuditLogsAsync(auditConnection, generator.AuditLogs(), CancellationToken.None));
                    await transaction.CommitAsync();
                }

                queue.Add(auditIndexes.Select(Build).Append(("ANALYZE audit_logs", "ANALYZE audit_logs", spec.AuditRows / 10)));
            }
            finally
            {
                queue.Complete();
            }

            await queue.WorkAsync(auditConnection);
        });

        try
        {
            await PrepareSessionAsync(connection);
            await Timed("users", () => CatalogBulkWriter.CopyUsersAsync(connection, generator.Users(), CancellationToken.None));
            await Timed("categories", () => CatalogBulkWriter.CopyCategoriesAsync(connection, generator.Categories, CancellationToken.None));
            await Timed("brands", () => CatalogBulkWriter.CopyBrandsAsync(connection, generator.Brands, CancellationToken.None));

            // Products and reviews: two COPY streams each, FK checks skipped (the generator only references rows it loaded).
            static async Task Bulk(NpgsqlConnection c)
            {
                await PrepareSessionAsync(c);
                await ExecuteAsync(c, "SET session_replication_role = replica", optional: true);
            }

            await Timed("products", () => ParallelCopy.RunAsync(dataSource, generator.Products(), 2, Bulk, (c, rows) => CatalogBulkWriter.CopyProductsAsync(c, rows, CancellationToken.None)));
            await Timed("reviews", () => ParallelCopy.RunAsync(dataSource, generator.Reviews(), 2, Bulk, (c, rows) => CatalogBulkWriter.CopyReviewsAsync(c, rows, CancellationToken.None)));
            // The COPY ran without triggers (replica role), so the category subtree index (ADR-108) is filled in one go.
            await TimedStatement(connection, "category_subtree_products", "SELECT category_subtree_products_rebuild()");
            // Likewise the words of the names that search reads (ADR-111).
            await TimedStatement(connection, "search_name_words", "SELECT search_name_words_rebuild()");

            // The catalog tables are vacuumed too, for the visibility map (index-only scans); the append-only audit log is only analyzed.
            queue.Add(catalogIndexes.Select(Build).Concat([
                ("VACUUM (ANALYZE) products", "VACUUM (ANALYZE) products", spec.Products),
                ("VACUUM (ANALYZE) reviews", "VACUUM (ANALYZE) reviews", (long)(spec.Products * spec.ReviewsPerProduct)),
                ("VACUUM (ANALYZE) category_subtree_products", "VACUUM (ANALYZE) category_subtree_products", spec.Products * 4),
                ("VACUUM (ANALYZE) search_name_words", "VACUUM (ANALYZE) search_name_words", spec.Products * 4),
                ("VACUUM (ANALYZE) users, categories, brands", "VACUUM (ANALYZE) users, categories, brands", spec.Users),
            ]));
        }
        finally
        {
            queue.Complete();
        }

        Console.WriteLine($"  catalog COPY done at {work.Elapsed.TotalSeconds:F1} s; indexes, VACUUM and ANALYZE on every free connection:");
        await using (var second = await dataSource.OpenConnectionAsync())
        {
            await Task.WhenAll(queue.WorkAsync(connection), queue.WorkAsync(second), auditLoad);
        }

        Console.WriteLine($"  rebuilt {indexes.Count} indexes, VACUUM ANALYZE done at {work.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"Loaded '{spec.Name}' in {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Runs a statement and prints its time when it took a second or more (where the load's time goes).</summary>
    internal static async Task TimedStatement(NpgsqlConnection connection, string name, string sql)
    {
        var stopwatch = Stopwatch.StartNew();
        await ExecuteAsync(connection, sql);
        if (stopwatch.Elapsed.TotalSeconds >= 1)
        {
            Console.WriteLine($"    {name} {stopwatch.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>Bulk-load session settings; replication role "replica" (superuser only) skips per-row FK checks.</summary>
    private static async Task PrepareSessionAsync(NpgsqlConnection connection)
    {
        await ExecuteAsync(connection, "SET synchronous_commit = off");
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        await ExecuteAsync(connection, "SET max_parallel_maintenance_workers = 1");
    }

    private static async Task<ulong> Timed(string table, Func<Task<ulong>> copy)
    {
        var stopwatch = Stopwatch.StartNew();
        var rows = await copy();
        Console.WriteLine($"  {table,-11} {rows,10:N0} rows in {stopwatch.Elapsed.TotalSeconds,6:F1} s");
        return rows;
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, bool optional = false)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (optional)
        {
            Console.WriteLine($"  (skipped '{sql}': {e.MessageText})");
        }
    }

    internal static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
