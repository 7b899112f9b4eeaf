namespace Catalog.WebApi.Idempotency;

/// <summary>
/// Holds a response body in memory up to a cap, so that it can be stored for replay; past the cap it hands what it holds
/// to the real body and passes every further write straight through (<see cref="Overflowed"/>), so that a large answer
/// (an import report) costs neither its size in memory nor a row of that size in the store.
/// </summary>
internal sealed class CappedResponseBuffer(Stream inner, int cap) : Stream
{
    private readonly MemoryStream _held = new();

    public bool Overflowed { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The whole body, when it stayed under the cap.</summary>
    public byte[] Held() => _held.ToArray();

    /// <summary>Writes the held body to the real one (nothing is held once it overflowed).</summary>
    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        _held.Position = 0;
        return _held.CopyToAsync(inner, cancellationToken);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!Overflowed && _held.Length + buffer.Length > cap)
        {
            Overflowed = true;
            await ReleaseAsync(cancellationToken);
            _held.SetLength(0);
        }

        if (Overflowed)
        {
            await inner.WriteAsync(buffer, cancellationToken);
        }
        else
        {
            _held.Write(buffer.Span);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Overflowed ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _held.Dispose();
        }

        base.Dispose(disposing);
    }
}
