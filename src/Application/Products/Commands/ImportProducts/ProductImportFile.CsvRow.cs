using System.Globalization;
using System.Text;
using System.Text.Json;
using Catalog.Application.Common.Validation;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>A CSV record against the header: its cells as a product's fields, or why they could not be read.</summary>
public sealed partial class ProductImportFile
{
    private static ProductImportRow ReadCsvRow(int number, string[] header, IReadOnlyList<string> values)
    {
        if (values.Count != header.Length)
        {
            return Failed(number, "body", $"Expected {header.Length} columns, found {values.Count}.");
        }

        var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < header.Length; c++)
        {
            cells[header[c]] = values[c];
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? Text(string name) => cells.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        T? Parse<T>(string name, Func<string, (bool Ok, T Value)> parse)
            where T : struct
        {
            var raw = Text(name);
            if (raw is null)
            {
                return null;
            }

            var (ok, value) = parse(raw);
            if (!ok)
            {
                // Echoed, but never more of it than a person needs to find it: the report stays small whatever the file.
                errors[name] = [$"'{(raw.Length <= EchoedValueLength ? raw : raw[..EchoedValueLength] + "…")}' is not a valid value."];
                return null;
            }

            return value;
        }

        decimal? Dec(string name) => Parse(name, s => (decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d), d));
        int? Int(string name) => Parse(name, s => (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n), n));
        bool? Bool(string name) => Parse(name, s => (bool.TryParse(s, out var b), b));
        Guid? Id(string name) => Parse(name, s => (Guid.TryParse(s, out var g), g));
        JsonElement? JsonCell(string name)
        {
            var raw = Text(name);
            if (raw is null)
            {
                return null;
            }

            // The cell's own escapes (\u0000, \ud800) are checked as the NDJSON line's are: jsonb cannot store them.
            if (raw.Contains('\\', StringComparison.Ordinal) && StorableText.JsonHasUnstorableText(Encoding.UTF8.GetBytes(raw)))
            {
                throw ProductImportFileException.UnstorableText(number);
            }

            try
            {
                using var document = JsonDocument.Parse(raw);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                errors[name] = ["Must be JSON."];
                return null;
            }
        }

        var images = Text("images") is { } imageText
            ? JsonSerializer.SerializeToElement(imageText.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : (JsonElement?)null;
        var fields = new ProductImportFields
        {
            Name = Text("name") ?? string.Empty,
            Slug = Text("slug"),
            Description = Text("description"),
            ShortDescription = Text("shortDescription"),
            Price = Dec("price"),
            CompareAtPrice = Dec("compareAtPrice"),
            Cost = Dec("cost"),
            CategoryId = Id("categoryId"),
            BrandId = Id("brandId"),
            Sku = Text("sku"),
            Barcode = Text("barcode"),
            StockQuantity = Int("stockQuantity"),
            LowStockThreshold = Int("lowStockThreshold"),
            Weight = Dec("weight"),
            Dimensions = JsonCell("dimensions"),
            Images = images,
            Tags = Text("tags")?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Metadata = JsonCell("metadata"),
            IsFeatured = Bool("isFeatured"),
            IsActive = Bool("isActive"),
        };
        return errors.Count > 0 ? new ProductImportRow(number, null, errors) : new ProductImportRow(number, fields, null);
    }
}
