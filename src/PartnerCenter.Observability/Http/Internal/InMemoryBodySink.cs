namespace PartnerCenter.Observability.Http;

/// <summary>
/// A write-only stream that keeps a reference to the one array write an in-memory content (<see cref="ByteArrayContent"/>,
/// <see cref="StringContent"/>) copies itself with: its bytes, without a copy and without the stream that
/// <c>ReadAsStream</c> would leave cached in the caller's content.
/// </summary>
internal sealed class InMemoryBodySink : Stream
{
    private int _writes;

    /// <summary>The bytes of the last write (empty when nothing was written): the body when <see cref="IsSingleWrite"/>.</summary>
    public ArraySegment<byte> Body { get; private set; } = ArraySegment<byte>.Empty;

    /// <summary>Whether the content wrote itself in at most one array write.</summary>
    public bool IsSingleWrite => _writes <= 1;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _writes++;
        Body = new ArraySegment<byte>(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => _writes += 2;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
