using System.Net.Sockets;
using System.Text;

namespace Catalog.Benchmarks.OpenLoop;

/// <summary>
/// Reads one HTTP/1.1 response from a blocking socket: the status line, the headers, and a body framed by
/// Content-Length or chunked transfer coding (trailers included), which it skips without keeping. Just enough HTTP for
/// a load driver talking to Kestrel over keep-alive connections, without HttpClient's cost per request.
/// </summary>
internal sealed class HttpResponseReader(Socket socket)
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The response's status code; <paramref name="keepAlive"/> is false when the server will close the connection.</summary>
    public int Read(bool headRequest, out bool keepAlive)
    {
        var headerEnd = FindHeaderEnd();
        var status = ParseStatus();
        var (contentLength, chunked, close) = ParseHeaders(headerEnd);
        keepAlive = !close;
        _start = headerEnd + 4;
        if (headRequest || status is 204 or 304 || (status >= 100 && status < 200))
        {
            return status;
        }

        if (chunked)
        {
            SkipChunkedBody();
        }
        else if (contentLength >= 0)
        {
            Skip(contentLength);
        }
        else
        {
            // No framing: the body runs to the end of the connection.
            while (Fill() > 0)
            {
                _start = _end;
            }

            keepAlive = false;
        }

        return status;
    }

    /// <summary>Forgets buffered bytes (after an error or a reconnect).</summary>
    public void Reset() => _start = _end = 0;

    private int FindHeaderEnd()
    {
        var searched = _start;
        while (true)
        {
            var span = _buffer.AsSpan(searched, _end - searched);
            var found = span.IndexOf("\r\n\r\n"u8);
            if (found >= 0)
            {
                return searched + found;
            }

            searched = Math.Max(_start, _end - 3);
            var before = _start;
            Require(1);
            searched -= before - _start;
        }
    }

    private int ParseStatus()
    {
        var line = _buffer.AsSpan(_start, Math.Min(16, _end - _start));
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8))
        {
            throw new IOException("not an HTTP/1.x response");
        }

        return ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
    }

    private (long ContentLength, bool Chunked, bool Close) ParseHeaders(int headerEnd)
    {
        long contentLength = -1;
        bool chunked = false, close = false;
        var headers = _buffer.AsSpan(_start, headerEnd - _start);
        var lineEnd = headers.IndexOf("\r\n"u8);
        headers = lineEnd < 0 ? [] : headers[(lineEnd + 2)..];
        while (headers.Length > 0)
        {
            lineEnd = headers.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? headers : headers[..lineEnd];
            headers = lineEnd < 0 ? [] : headers[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = Encoding.ASCII.GetString(line[(colon + 1)..]).Trim();
            if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                contentLength = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                close = value.Contains("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        return (contentLength, chunked, close);
    }

    private void SkipChunkedBody()
    {
        while (true)
        {
            var line = ReadLine();
            var semicolon = line.IndexOf(';');
            var size = Convert.ToInt64(semicolon >= 0 ? line[..semicolon].Trim() : line.Trim(), 16);
            if (size == 0)
            {
                // Trailers, if any, then the empty line.
                while (ReadLine().Length > 0)
                {
                }

                return;
            }

            Skip(size);
            if (ReadLine().Length != 0)
            {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private string ReadLine()
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, found);
                _start += found + 2;
                return line;
            }

            Require(1);
        }
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                _start = _end = 0;
                if (Fill() == 0)
                {
                    throw new IOException("connection closed inside a response body");
                }
            }

            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    /// <summary>Reads until at least <paramref name="more"/> bytes beyond those buffered are there (keeping the unread ones).</summary>
    private void Require(int more)
    {
        var wanted = _end - _start + more;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end < wanted)
        {
            if (Fill() == 0)
            {
                throw new IOException("connection closed inside a response");
            }
        }
    }

    private int Fill()
    {
        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = socket.Receive(_buffer, _end, _buffer.Length - _end, SocketFlags.None);
        _end += read;
        return read;
    }
}
