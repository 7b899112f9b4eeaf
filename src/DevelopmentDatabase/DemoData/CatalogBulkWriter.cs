using Npgsql;
using NpgsqlTypes;

namespace Catalog.DevelopmentDatabase.DemoData;

/// <summary>Binary COPY of generated rows. Categories go through the path trigger (parents first); nothing writes path/depth.</summary>
internal static class CatalogBulkWriter
{
    public static Task<ulong> CopyUsersAsync(NpgsqlConnection connection, IEnumerable<UserRow> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY users (id, email, password_hash, first_name, last_name, email_verified, email_verified_at, roles, created_at, updated_at) FROM STDIN (FORMAT BINARY)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Uuid);
            w.Write(r.Email, NpgsqlDbType.Varchar);
            w.Write(r.PasswordHash, NpgsqlDbType.Varchar);
            w.Write(r.FirstName, NpgsqlDbType.Varchar);
            w.Write(r.LastName, NpgsqlDbType.Varchar);
            w.Write(true, NpgsqlDbType.Boolean);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.Roles, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }, ct);

    public static Task<ulong> CopyCategoriesAsync(NpgsqlConnection connection, IEnumerable<CategoryRow> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY categories (id, name, slug, description, parent_id, sort_order, created_at, updated_at) FROM STDIN (FORMAT BINARY)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Uuid);
            w.Write(r.Name, NpgsqlDbType.Varchar);
            w.Write(r.Slug, NpgsqlDbType.Varchar);
            w.Write(r.Description, NpgsqlDbType.Text);
            WriteNullable(w, r.ParentId, NpgsqlDbType.Uuid);
            w.Write(r.SortOrder, NpgsqlDbType.Integer);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }, ct);

    public static Task<ulong> CopyBrandsAsync(NpgsqlConnection connection, IEnumerable<BrandRow> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY brands (id, name, slug, description, logo_url, website_url, created_at, updated_at) FROM STDIN (FORMAT BINARY)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Uuid);
            w.Write(r.Name, NpgsqlDbType.Varchar);
            w.Write(r.Slug, NpgsqlDbType.Varchar);
            w.Write(r.Description, NpgsqlDbType.Text);
            w.Write(r.LogoUrl, NpgsqlDbType.Varchar);
            w.Write(r.WebsiteUrl, NpgsqlDbType.Varchar);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }, ct);

    public static Task<ulong> CopyProductsAsync(NpgsqlConnection connection, IEnumerable<ProductRow> rows, CancellationToken ct) =>
        CopyAsync(
            connection,
            "COPY products (id, name, slug, description, short_description, price, compare_at_price, cost, category_id, brand_id, sku, barcode, " +
            "stock_quantity, weight, dimensions, images, tags, metadata, is_active, is_featured, status, submitted_at, average_rating, review_count, " +
            "rating_counts, created_at, updated_at, published_at) FROM STDIN (FORMAT BINARY)",
            rows,
            (w, r) =>
            {
                w.Write(r.Id, NpgsqlDbType.Uuid);
                w.Write(r.Name, NpgsqlDbType.Varchar);
                w.Write(r.Slug, NpgsqlDbType.Varchar);
                w.Write(r.Description, NpgsqlDbType.Text);
                w.Write(r.ShortDescription, NpgsqlDbType.Varchar);
                w.Write(r.Price, NpgsqlDbType.Numeric);
                WriteNullable(w, r.CompareAtPrice, NpgsqlDbType.Numeric);
                w.Write(r.Cost, NpgsqlDbType.Numeric);
                w.Write(r.CategoryId, NpgsqlDbType.Uuid);
                w.Write(r.BrandId, NpgsqlDbType.Uuid);
                w.Write(r.Sku, NpgsqlDbType.Varchar);
                w.Write(r.Barcode, NpgsqlDbType.Varchar);
                w.Write(r.StockQuantity, NpgsqlDbType.Integer);
                w.Write(r.Weight, NpgsqlDbType.Numeric);
                w.Write(r.DimensionsJson, NpgsqlDbType.Jsonb);
                w.Write(r.ImagesJson, NpgsqlDbType.Jsonb);
                w.Write(r.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text);
                w.Write(r.MetadataJson, NpgsqlDbType.Jsonb);
                w.Write(r.IsActive, NpgsqlDbType.Boolean);
                w.Write(r.IsFeatured, NpgsqlDbType.Boolean);
                w.Write(r.Status, NpgsqlDbType.Varchar);
                WriteNullable(w, r.SubmittedAt, NpgsqlDbType.TimestampTz);
                w.Write(r.AverageRating, NpgsqlDbType.Numeric);
                w.Write(r.ReviewCount, NpgsqlDbType.Integer);
                w.Write(r.RatingCounts, NpgsqlDbType.Array | NpgsqlDbType.Integer);
                w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
                w.Write(r.UpdatedAt, NpgsqlDbType.TimestampTz);
                WriteNullable(w, r.PublishedAt, NpgsqlDbType.TimestampTz);
            },
            ct);

    public static Task<ulong> CopyReviewsAsync(NpgsqlConnection connection, IEnumerable<ReviewRow> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY reviews (id, product_id, user_id, rating, title, comment, pros, cons, is_verified_purchase, created_at, updated_at) FROM STDIN (FORMAT BINARY)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Uuid);
            w.Write(r.ProductId, NpgsqlDbType.Uuid);
            w.Write(r.UserId, NpgsqlDbType.Uuid);
            w.Write(r.Rating, NpgsqlDbType.Integer);
            w.Write(r.Title, NpgsqlDbType.Varchar);
            w.Write(r.Comment, NpgsqlDbType.Text);
            w.Write(r.Pros, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(r.Cons, NpgsqlDbType.Array | NpgsqlDbType.Text);
            w.Write(r.IsVerifiedPurchase, NpgsqlDbType.Boolean);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }, ct);

    public static Task<ulong> CopyAuditLogsAsync(NpgsqlConnection connection, IEnumerable<AuditRow> rows, CancellationToken ct) =>
        CopyAsync(connection, "COPY audit_logs (id, user_id, action, resource_type, resource_id, changes, metadata, ip_address, user_agent, request_id, duration_ms, status_code, created_at) FROM STDIN (FORMAT BINARY)", rows, (w, r) =>
        {
            w.Write(r.Id, NpgsqlDbType.Uuid);
            WriteNullable(w, r.UserId, NpgsqlDbType.Uuid);
            w.Write(r.Action, NpgsqlDbType.Varchar);
            w.Write(r.ResourceType, NpgsqlDbType.Varchar);
            WriteNullable(w, r.ResourceId, NpgsqlDbType.Uuid);
            if (r.ChangesJson is null)
            {
                w.WriteNull();
            }
            else
            {
                w.Write(r.ChangesJson, NpgsqlDbType.Jsonb);
            }

            w.Write(r.MetadataJson, NpgsqlDbType.Jsonb);
            w.Write(r.IpAddress, NpgsqlDbType.Inet);
            w.Write(r.UserAgent, NpgsqlDbType.Text);
            w.Write(r.RequestId, NpgsqlDbType.Varchar);
            w.Write(r.DurationMs, NpgsqlDbType.Integer);
            w.Write(r.StatusCode, NpgsqlDbType.Integer);
            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
        }, ct);

    private static async Task<ulong> CopyAsync<T>(NpgsqlConnection connection, string copy, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            importer.StartRow();
            write(importer, row);
        }

        return await importer.CompleteAsync(ct);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            writer.Write(v, type);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
