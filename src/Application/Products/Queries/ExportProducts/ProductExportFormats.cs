using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Catalog.Application.Products.Queries.ExportProducts;

/// <summary>Writes exported rows as NDJSON (one JSON object a line) or CSV (RFC 4180, header first), row by row.</summary>
public static class ProductExportFormats
{
    public const string Ndjson = "ndjson";
    public const string Csv = "csv";

    public static readonly IReadOnlyList<string> All = [Ndjson, Csv];

    private static readonly string[] CsvHeader =
    [
        "id", "name", "slug", "sku", "barcode", "status", "isActive", "isFeatured", "price", "compareAtPrice", "cost",
        "stockQuantity", "lowStockThreshold", "weight", "categoryId", "categorySlug", "brandId", "brandSlug", "tags",
        "shortDescription", "description", "dimensions", "images", "metadata", "averageRating", "reviewCount", "createdAt", "updatedAt",
    ];

    public static string ContentType(string format) => format == Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    public static async Task WriteAsync(ProductExport export, Stream body, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        if (export.Format == Csv)
        {
            await writer.WriteLineAsync(string.Join(',', CsvHeader));
        }

        var count = 0;
        await foreach (var row in export.Rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(export.Format == Csv ? ToCsv(row) : ToJson(row));
            if (++count % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string ToJson(ProductExportRow row)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", row.Id);
            json.WriteString("name", row.Name);
            json.WriteString("slug", row.Slug);
            WriteStringOrNull(json, "sku", row.Sku);
            WriteStringOrNull(json, "barcode", row.Barcode);
            json.WriteString("status", row.Status);
            json.WriteBoolean("isActive", row.IsActive);
            json.WriteBoolean("isFeatured", row.IsFeatured);
            json.WriteNumber("price", row.Price);
            WriteNumberOrNull(json, "compareAtPrice", row.CompareAtPrice);
            WriteNumberOrNull(json, "cost", row.Cost);
            json.WriteNumber("stockQuantity", row.StockQuantity);
            json.WriteNumber("lowStockThreshold", row.LowStockThreshold);
            WriteNumberOrNull(json, "weight", row.Weight);
            WriteStringOrNull(json, "categoryId", row.CategoryId?.ToString());
            WriteStringOrNull(json, "categorySlug", row.CategorySlug);
            WriteStringOrNull(json, "brandId", row.BrandId?.ToString());
            WriteStringOrNull(json, "brandSlug", row.BrandSlug);
            json.WriteStartArray("tags");
            foreach (var tag in row.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            WriteStringOrNull(json, "shortDescription", row.ShortDescription);
            WriteStringOrNull(json, "description", row.Description);
            json.WritePropertyName("dimensions");
            json.WriteRawValue(row.Dimensions ?? "{}");
            json.WritePropertyName("images");
            json.WriteRawValue(row.Images ?? "[]");
            json.WritePropertyName("metadata");
            json.WriteRawValue(row.Metadata ?? "{}");
            json.WriteNumber("averageRating", row.AverageRating);
            json.WriteNumber("reviewCount", row.ReviewCount);
            json.WriteString("createdAt", DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc));
            json.WriteString("updatedAt", DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string ToCsv(ProductExportRow row) => string.Join(',', new[]
    {
        row.Id.ToString(), row.Name, row.Slug, row.Sku, row.Barcode, row.Status, Bool(row.IsActive), Bool(row.IsFeatured),
        Money(row.Price), Money(row.CompareAtPrice), Money(row.Cost), Int(row.StockQuantity), Int(row.LowStockThreshold),
        row.Weight?.ToString(CultureInfo.InvariantCulture), row.CategoryId?.ToString(), row.CategorySlug, row.BrandId?.ToString(),
        row.BrandSlug, string.Join('|', row.Tags), row.ShortDescription, row.Description, row.Dimensions, row.Images, row.Metadata,
        row.AverageRating.ToString(CultureInfo.InvariantCulture), Int(row.ReviewCount),
        DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        DateTime.SpecifyKind(row.UpdatedAt, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
    }.Select(Quote));

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs a cell as a formula.
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '@' or '\t' or '\r' || (value[0] == '-' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
