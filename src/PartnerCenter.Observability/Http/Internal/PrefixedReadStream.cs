using System.Runtime.ExceptionServices;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// A read-only stream over a prefix, then an optional pending read, then the rest of a stream; or, when reading the
/// original stream failed, the prefix and then that same failure.
/// </summary>
internal sealed class PrefixedReadStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream? _rest;
    private readonly ExceptionDispatchInfo? _failure;
    private PendingRead? _pending;
    private int _position;
    private ReadOnlyMemory<byte> _pendingBytes;

    public PrefixedReadStream(byte[] prefix, int prefixLength, PendingRead? pending, Stream? rest, Exception? failure = null)
    {
        _prefix = prefix;
        _prefixLength = prefixLength;
        _pending = pending;
        _rest = rest;
        _failure = failure is null ? null : ExceptionDispatchInfo.Capture(failure);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _prefixLength)
        {
            return CopyPrefix(buffer.Span);
        }

        if (_pending is { } pending)
        {
            var count = await pending.Read.WaitAsync(cancellationToken).ConfigureAwait(false);
            _pending = null;
            _pendingBytes = pending.Buffer.AsMemory(pending.Offset, count);
            if (count == 0)
            {
                return 0;
            }
        }

        if (!_pendingBytes.IsEmpty)
        {
            return CopyPending(buffer.Span);
        }

        _failure?.Throw();
        return _rest is null ? 0 : await _rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_position < _prefixLength)
        {
            return CopyPrefix(buffer);
        }

        if (_pending is { } pending)
        {
            var count = pending.Read.GetAwaiter().GetResult();
            _pending = null;
            _pendingBytes = pending.Buffer.AsMemory(pending.Offset, count);
            if (count == 0)
            {
                return 0;
            }
        }

        if (!_pendingBytes.IsEmpty)
        {
            return CopyPending(buffer);
        }

        _failure?.Throw();
        return _rest?.Read(buffer) ?? 0;
    }

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
            _rest?.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CopyPrefix(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _prefixLength - _position);
        _prefix.AsSpan(_position, count).CopyTo(destination);
        _position += count;
        return count;
    }

    private int CopyPending(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _pendingBytes.Length);
        _pendingBytes.Span[..count].CopyTo(destination);
        _pendingBytes = _pendingBytes[count..];
        return count;
    }
}
