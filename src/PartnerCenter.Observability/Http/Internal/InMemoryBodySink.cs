namespace PartnerCenter.Observability.Http;

/// <summary>
/// A write-only stream an in-memory content (<see cref="ByteArrayContent"/>, <see cref="StringContent"/>,
/// <see cref="ReadOnlyMemoryContent"/>) copies itself into, without the stream that <c>ReadAsStream</c> would leave cached
/// in the caller's content. A single array write is kept by reference (no copy); anything else is copied, up to the
/// capacity.
/// </summary>
internal sealed class InMemoryBodySink(int capacity) : Stream
{
    private ArraySegment<byte> _body = ArraySegment<byte>.Empty;
    private bool _copied;

    /// <summary>The body's first bytes (at most the capacity); the content's own array when it wrote itself once.</summary>
    public ArraySegment<byte> Body => _body.Count > capacity ? _body[..capacity] : _body;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_body.Count == 0 && !_copied)
        {
            _body = new ArraySegment<byte>(buffer, offset, count);
            return;
        }

        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var kept = Body;
        var take = Math.Min(buffer.Length, capacity - kept.Count);
        if (take <= 0)
        {
            return;
        }

        var copy = new byte[kept.Count + take];
        kept.AsSpan().CopyTo(copy);
        buffer[..take].CopyTo(copy.AsSpan(kept.Count));
        _body = copy;
        _copied = true;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
