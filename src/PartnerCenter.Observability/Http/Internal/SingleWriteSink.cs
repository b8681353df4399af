namespace PartnerCenter.Observability.Http;

/// <summary>
/// A write-only stream that remembers the array segment of the one write it receives, without copying it: in-memory
/// content (<see cref="ByteArrayContent"/> and <see cref="StringContent"/>, or any buffered content) writes its whole
/// body in a single call, so the handler can classify the content's own bytes in place. Any other shape of writing (a
/// span, a second write) marks the capture as unusable and the caller copies instead. One per thread, reset before each
/// use and released after it, so that it never keeps a body alive.
/// </summary>
internal sealed class SingleWriteSink : Stream
{
    [ThreadStatic]
    private static SingleWriteSink? t_instance;

    private byte[]? _array;
    private int _offset;
    private int _count;
    private bool _unusable;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _count;

    public override long Position { get => _count; set => throw new NotSupportedException(); }

    /// <summary>This thread's sink, empty.</summary>
    public static SingleWriteSink Rent()
    {
        var sink = t_instance ??= new SingleWriteSink();
        sink._array = null;
        sink._offset = 0;
        sink._count = 0;
        sink._unusable = false;
        return sink;
    }

    /// <summary>The bytes of the single write (empty when nothing was written); false when they came any other way.</summary>
    public bool TryGetCaptured(out ArraySegment<byte> bytes)
    {
        bytes = _array is null ? ArraySegment<byte>.Empty : new ArraySegment<byte>(_array, _offset, _count);
        return !_unusable;
    }

    /// <summary>Lets go of the content's array.</summary>
    public void Release() => _array = null;

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_array is null && !_unusable)
        {
            _array = buffer;
            _offset = offset;
            _count = count;
            return;
        }

        if (count > 0)
        {
            _unusable = true;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!buffer.IsEmpty)
        {
            _unusable = true;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
