using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Catalog.Application.Common.Validation;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>The two formats of an import file.</summary>
public enum ProductImportFormat
{
    /// <summary><c>application/x-ndjson</c>: one product object a line.</summary>
    Ndjson,

    /// <summary><c>text/csv</c>: a header row naming the body's fields, then one product a record.</summary>
    Csv,
}

/// <summary>
/// An import file read as a stream, in batches, never whole: NDJSON (one product object a line) or CSV (a header row
/// naming the body's fields; tags and images separated by '|'; dimensions and metadata as JSON text). A row that cannot
/// be read is reported, never guessed at. What no honest file does ends the read with
/// <see cref="ProductImportFileException"/>: more than <see cref="MaxRows"/> rows, a row longer than
/// <see cref="MaxRowLength"/>, a CSV record of more than <see cref="MaxFields"/> fields, text PostgreSQL cannot store.
/// Memory is bounded by one batch (<see cref="BatchRows"/> rows or <see cref="BatchLength"/> of text), whatever the
/// file's size or shape.
/// </summary>
public sealed partial class ProductImportFile(Stream body, ProductImportFormat format)
{
    public const int MaxRows = 10_000;

    /// <summary>Longest row: bytes of an NDJSON line, characters of a CSV record (a product at every field's limit is ~60 K).</summary>
    public const int MaxRowLength = 128 * 1024;

    /// <summary>Most fields of a CSV record (the body has 20).</summary>
    public const int MaxFields = 64;

    /// <summary>Longest part of a refused cell value that a row error repeats.</summary>
    internal const int EchoedValueLength = 50;

    /// <summary>Rows handed to the handler at a time.</summary>
    internal const int BatchRows = 250;

    /// <summary>Text handed to the handler at a time (bytes or characters), so that long rows make smaller batches.</summary>
    internal const int BatchLength = 2 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ProductImportFormat Format { get; } = format;

    /// <summary>The file's rows in batches, read as they are asked for; throws <see cref="ProductImportFileException"/>.</summary>
    public IAsyncEnumerable<IReadOnlyList<ProductImportRow>> ReadBatchesAsync(CancellationToken cancellationToken) =>
        Format == ProductImportFormat.Csv ? ReadCsvAsync(cancellationToken) : ReadNdjsonAsync(cancellationToken);

    private async IAsyncEnumerable<IReadOnlyList<ProductImportRow>> ReadNdjsonAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new Utf8LineReader(body, MaxRowLength);
        var batch = new Batch();
        var first = true;
        var number = 0;
        while (true)
        {
            ReadOnlyMemory<byte> line;
            try
            {
                if (!await lines.ReadLineAsync(cancellationToken))
                {
                    break;
                }

                line = lines.Current;
            }
            catch (RowTooLongException)
            {
                throw ProductImportFileException.RowTooLong(number + 1);
            }

            if (first)
            {
                // A byte order mark is no part of the first object (the CSV reader's decoder drops its own).
                first = false;
                line = line.Span.StartsWith("\uFEFF"u8) ? line[3..] : line;
            }

            if (IsBlank(line.Span))
            {
                continue;
            }

            number++;
            if (number > MaxRows)
            {
                throw ProductImportFileException.TooManyRows(number);
            }

            if (StorableText.JsonHasUnstorableText(line.Span))
            {
                throw ProductImportFileException.UnstorableText(number);
            }

            if (batch.Add(ReadNdjsonRow(number, line.Span), line.Length))
            {
                yield return batch.Take();
            }
        }

        if (batch.Count > 0)
        {
            yield return batch.Take();
        }
    }

    private static ProductImportRow ReadNdjsonRow(int number, ReadOnlySpan<byte> line)
    {
        try
        {
            var fields = JsonSerializer.Deserialize<ProductImportFields>(line, Json);
            return fields is null || fields.Name is null
                ? Failed(number, "name", "Each line must be a JSON product object with a name.")
                : new ProductImportRow(number, fields, null);
        }
        catch (JsonException)
        {
            return Failed(number, "body", "The line is not a valid JSON product object.");
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;

    private async IAsyncEnumerable<IReadOnlyList<ProductImportRow>> ReadCsvAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var records = new CsvRecordReader(reader);
        string[]? header = null;
        var batch = new Batch();
        var number = 0;
        var rows = 0;
        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            if (header is null)
            {
                // Blank lines before the header are no header.
                if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
                {
                    continue;
                }

                header = record.Fields.Select(h => h.Trim()).ToArray();
                records.RowBase = records.Count;
                continue;
            }

            // Rows keep their record's number (header excluded); blank records are skipped but numbered.
            number++;
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue;
            }

            if (++rows > MaxRows)
            {
                throw ProductImportFileException.TooManyRows(number);
            }

            if (batch.Add(ReadCsvRow(number, header, record.Fields), record.Length))
            {
                yield return batch.Take();
            }
        }

        if (batch.Count > 0)
        {
            yield return batch.Take();
        }
    }

    /// <summary>Rows gathered until <see cref="BatchRows"/> rows or <see cref="BatchLength"/> of their text.</summary>
    private sealed class Batch
    {
        private List<ProductImportRow> _rows = [];
        private int _length;

        public int Count => _rows.Count;

        /// <summary>Adds a row; true when the batch is full.</summary>
        public bool Add(ProductImportRow row, int length)
        {
            _rows.Add(row);
            _length += length;
            return _rows.Count >= BatchRows || _length >= BatchLength;
        }

        public List<ProductImportRow> Take()
        {
            var rows = _rows;
            _rows = [];
            _length = 0;
            return rows;
        }
    }

#pragma warning disable CA1064, CA1032 // Private signal between the line reader and its caller, never thrown further.
    private sealed class RowTooLongException : Exception;
#pragma warning restore CA1064, CA1032

    private static ProductImportRow Failed(int row, string field, string message) =>
        new(row, null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
