using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>
/// Reads NDJSON (one product object a line) or CSV (a header row naming the body's fields; tags and images separated
/// by '|'; dimensions and metadata as JSON text). A row that cannot be read is reported, never guessed at.
/// </summary>
public static class ProductImportParser
{
    public const int MaxRows = 10_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<ProductImportRow>> ReadNdjsonAsync(Stream body, CancellationToken cancellationToken)
    {
        var rows = new List<ProductImportRow>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            number++;
            if (number > MaxRows)
            {
                rows.Add(new ProductImportRow(number, null, null));
                break;
            }

            try
            {
                var fields = JsonSerializer.Deserialize<ProductImportFields>(line, Json);
                rows.Add(fields is null || fields.Name is null
                    ? Failed(number, "name", "Each line must be a JSON product object with a name.")
                    : new ProductImportRow(number, fields, null));
            }
            catch (JsonException)
            {
                rows.Add(Failed(number, "body", "The line is not a valid JSON product object."));
            }
        }

        return rows;
    }

    public static async Task<IReadOnlyList<ProductImportRow>> ReadCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var records = CsvRecords(text).ToList();
        var rows = new List<ProductImportRow>();
        if (records.Count == 0)
        {
            return rows;
        }

        var header = records[0].Select(h => h.Trim()).ToArray();
        for (var i = 1; i < records.Count; i++)
        {
            if (i > MaxRows)
            {
                rows.Add(new ProductImportRow(i, null, null));
                break;
            }

            if (records[i].Count == 1 && records[i][0].Length == 0)
            {
                continue;
            }

            rows.Add(ReadCsvRow(i, header, records[i]));
        }

        return rows;
    }

    private static ProductImportRow ReadCsvRow(int number, string[] header, List<string> values)
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
                errors[name] = [$"'{raw}' is not a valid value."];
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
        var fields = new ProductImportFields(
            Text("name") ?? string.Empty, Text("slug"), Text("description"), Text("shortDescription"),
            Dec("price"), Dec("compareAtPrice"), Dec("cost"), Id("categoryId"), Id("brandId"), Text("sku"), Text("barcode"),
            Int("stockQuantity"), Int("lowStockThreshold"), Dec("weight"), JsonCell("dimensions"), images,
            Text("tags")?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonCell("metadata"), Bool("isFeatured"), Bool("isActive"));
        return errors.Count > 0 ? new ProductImportRow(number, null, errors) : new ProductImportRow(number, fields, null);
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    private static IEnumerable<List<string>> CsvRecords(string text)
    {
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch is '\n' or '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                record.Add(field.ToString());
                field.Clear();
                yield return record;
                record = [];
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            yield return record;
        }
    }

    private static ProductImportRow Failed(int row, string field, string message) =>
        new(row, null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
