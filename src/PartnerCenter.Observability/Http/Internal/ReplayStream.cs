namespace PartnerCenter.Observability.Http;

/// <summary>
/// The bytes the handler read, then those of a read it stopped waiting for (never cancelled, so the connection is not
/// aborted and nothing is lost: it writes into the same buffer, after them), then the rest of the original stream. When
/// reading the original failed, the pending read is that failure: the bytes before it, then the same exception.
/// </summary>
internal sealed class ReplayStream(HttpContent original, byte[] prefix, int length, Task<int>? pending, Stream rest) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position == length && pending is { } read && !buffer.IsEmpty)
        {
            length += await read.WaitAsync(cancellationToken).ConfigureAwait(false);
            pending = null;
        }

        return TryCopy(buffer.Span, out var count) ? count : await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>A synchronous read (HttpClient.Send's callers) waits for the same steps as an asynchronous one.</summary>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
            original.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Copies from the bytes read so far; false when the rest is next.</summary>
    private bool TryCopy(Span<byte> destination, out int count)
    {
        count = Math.Min(destination.Length, length - _position);
        if (count > 0 || destination.IsEmpty)
        {
            prefix.AsSpan(_position, count).CopyTo(destination);
            _position += count;
            return true;
        }

        return false;
    }
}
