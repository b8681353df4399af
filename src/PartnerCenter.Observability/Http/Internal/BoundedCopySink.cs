namespace PartnerCenter.Observability.Http;

/// <summary>
/// A write-only stream that keeps the first bytes written to it in a caller's buffer and ignores the rest: in-memory
/// content copies itself into it without the MemoryStream that <c>ReadAsStream</c> would create. One per thread, reset
/// before each use.
/// </summary>
internal sealed class BoundedCopySink : Stream
{
    [ThreadStatic]
    private static BoundedCopySink? t_instance;

    private byte[] _buffer = [];
    private int _capacity;

    public int Count { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Count;

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    /// <summary>This thread's sink, reset to keep at most <paramref name="capacity"/> bytes in <paramref name="buffer"/>.</summary>
    public static BoundedCopySink For(byte[] buffer, int capacity)
    {
        var sink = t_instance ??= new BoundedCopySink();
        sink._buffer = buffer;
        sink._capacity = capacity;
        sink.Count = 0;
        return sink;
    }

    /// <summary>Lets go of the caller's buffer (it goes back to the pool).</summary>
    public void Release() => _buffer = [];

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var take = Math.Min(buffer.Length, _capacity - Count);
        if (take > 0)
        {
            buffer[..take].CopyTo(_buffer.AsSpan(Count));
            Count += take;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
