using System.Text;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>RFC 4180 reading of the CSV format.</summary>
public sealed partial class ProductImportFile
{
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


    private sealed record CsvRecord(IReadOnlyList<string> Fields, int Length);

    private static readonly CsvRecord BlankRecord = new([string.Empty], 1);
}
