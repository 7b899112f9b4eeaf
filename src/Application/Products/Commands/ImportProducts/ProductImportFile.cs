using System.Buffers;
using System.Globalization;
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
public sealed class ProductImportFile(Stream body, ProductImportFormat format)
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

    /// <summary>
    /// RFC 4180 records read from a character stream: quoted fields may hold commas, doubled quotes and line breaks.
    /// A record is at most <see cref="MaxRowLength"/> characters and <see cref="MaxFields"/> fields, and holds no NUL.
    /// </summary>
    private sealed class CsvRecordReader(StreamReader reader)
    {
        private readonly char[] _buffer = new char[16 * 1024];
        private readonly StringBuilder _field = new();
        private int _position;
        private int _length;
        private int _records;

        /// <summary>Records read so far.</summary>
        public int Count => _records;

        /// <summary>Records up to and including the header, once it is read: a row's number counts from the first record after it.</summary>
        public int? RowBase { get; set; }

        /// <summary>The number of the record being read: 0 for the header, then 1, 2, ...</summary>
        private int Row => RowBase is { } headerEnd ? _records + 1 - headerEnd : 0;

        public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
        {
            List<string> fields = null!;
            var quoted = false;
            var started = false;
            var recordLength = 0;
            _field.Clear();
            while (true)
            {
                if (_position == _length)
                {
                    _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                    _position = 0;
                    if (_length == 0)
                    {
                        if (!started)
                        {
                            return null;
                        }

                        fields.Add(_field.ToString());
                        _records++;
                        return new CsvRecord(fields, recordLength);
                    }
                }

                var ch = _buffer[_position++];
                if (!started && ch is '\n' or '\r')
                {
                    // A blank line: one shared record instead of a list and a string each (32 MiB of them is 33 M records).
                    if (ch == '\r' && await PeekAsync(cancellationToken) == '\n')
                    {
                        _position++;
                    }

                    _records++;
                    return BlankRecord;
                }

                if (!started)
                {
                    started = true;
                    fields = [];
                }

                if (++recordLength > MaxRowLength)
                {
                    throw ProductImportFileException.RowTooLong(Row);
                }

                if (ch == '\0')
                {
                    throw ProductImportFileException.UnstorableText(Row);
                }

                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (await PeekAsync(cancellationToken) == '"')
                        {
                            _position++;
                            _field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        _field.Append(ch);
                    }
                }
                else if (ch == '"' && _field.Length == 0)
                {
                    quoted = true;
                }
                else if (ch == ',')
                {
                    AddField(fields);
                }
                else if (ch is '\n' or '\r')
                {
                    if (ch == '\r' && await PeekAsync(cancellationToken) == '\n')
                    {
                        _position++;
                    }

                    fields.Add(_field.ToString());
                    _records++;
                    return new CsvRecord(fields, recordLength);
                }
                else
                {
                    _field.Append(ch);
                }
            }
        }

        private void AddField(List<string> fields)
        {
            if (fields.Count + 1 >= MaxFields)
            {
                throw ProductImportFileException.TooManyFields(Row);
            }

            fields.Add(_field.ToString());
            _field.Clear();
        }

        private async ValueTask<int> PeekAsync(CancellationToken cancellationToken)
        {
            if (_position == _length)
            {
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
            }

            return _position < _length ? _buffer[_position] : -1;
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

    private sealed record CsvRecord(IReadOnlyList<string> Fields, int Length);

    private static readonly CsvRecord BlankRecord = new([string.Empty], 1);

    /// <summary>Lines of UTF-8 text from a stream, each at most a given number of bytes, read through one pooled buffer.</summary>
    private sealed class Utf8LineReader(Stream stream, int maxLineBytes) : IDisposable
    {
        private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(maxLineBytes + 1);
        private int _start;
        private int _end;
        private int _scanned;
        private bool _eof;

        public ReadOnlyMemory<byte> Current { get; private set; }

        public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var end = _scanned + newline;
                    Current = _buffer.AsMemory(_start, end - _start);
                    _start = _scanned = end + 1;
                    return true;
                }

                _scanned = _end;
                if (_eof)
                {
                    if (_start == _end)
                    {
                        return false;
                    }

                    Current = _buffer.AsMemory(_start, _end - _start);
                    _start = _scanned = _end;
                    return true;
                }

                if (_end - _start > maxLineBytes)
                {
                    throw new RowTooLongException();
                }

                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _scanned -= _start;
                    _start = 0;
                }

                var read = await stream.ReadAsync(_buffer.AsMemory(_end, Math.Min(_buffer.Length, maxLineBytes + 1) - _end), cancellationToken);
                if (read == 0)
                {
                    _eof = true;
                    if (_end - _start > maxLineBytes)
                    {
                        throw new RowTooLongException();
                    }
                }

                _end += read;
            }
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }

#pragma warning disable CA1064, CA1032 // Private signal between the line reader and its caller, never thrown further.
    private sealed class RowTooLongException : Exception;
#pragma warning restore CA1064, CA1032

    private static ProductImportRow Failed(int row, string field, string message) =>
        new(row, null, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}
