namespace PartnerCenter.Observability.Http;

/// <summary>
/// A write-only stream an in-memory content copies itself into, without the stream <c>ReadAsStream</c> would leave
/// cached in the caller's content. It keeps the first <c>capacity</c> bytes: by reference when the content writes its
/// array in one call (<see cref="ByteArrayContent"/>, <see cref="StringContent"/>), else in a copy.
/// </summary>
internal sealed class InMemoryBodySink(int capacity) : Stream
{
    private byte[]? _copy;
    private int _writes;

    public ArraySegment<byte> Body { get; private set; } = ArraySegment<byte>.Empty;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_writes++ == 0)
        {
            Body = new ArraySegment<byte>(buffer, offset, Math.Min(count, capacity));
            return;
        }

        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Written in pieces: a copy, in a buffer that doubles up to the capacity.
        _writes++;
        var kept = Body.Count;
        var take = Math.Min(buffer.Length, capacity - kept);
        if (take <= 0)
        {
            return;
        }

        if (_copy is null || _copy.Length < kept + take)
        {
            Body.AsSpan().CopyTo(_copy = new byte[Math.Min(capacity, Math.Max(kept + take, 2 * kept))]);
        }

        buffer[..take].CopyTo(_copy.AsSpan(kept));
        Body = new ArraySegment<byte>(_copy, 0, kept + take);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
