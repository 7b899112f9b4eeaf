using System.Buffers;

namespace Catalog.Application.Products.Commands.ImportProducts;

/// <summary>Line reading of the NDJSON format.</summary>
public sealed partial class ProductImportFile
{
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
}
