using System.Net;
using System.Runtime.ExceptionServices;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// The content handed to the caller in place of an error response's streamed content after the handler read its first
/// bytes. It yields exactly the original bytes: the prefix the handler read, then the bytes of a read the handler
/// stopped waiting for (never cancelled, so the connection is not aborted and nothing is lost), then the rest of the
/// original stream, or the exception the handler's read ended with. Its headers are a copy of the original's; its length
/// is never computed, so a chunked response still has no Content-Length. Like a network body, it can be read once.
/// </summary>
internal sealed class CapturedBodyContent : HttpContent
{
    private readonly HttpContent _original;
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream? _rest;
    private readonly Task<int>? _pending;
    private readonly Exception? _failure;
    private bool _consumed;

    public CapturedBodyContent(HttpContent original, byte[] prefix, int prefixLength, Stream? rest, Task<int>? pending, Exception? failure)
    {
        (_original, _prefix, _prefixLength, _rest, _pending, _failure) = (original, prefix, prefixLength, rest, pending, failure);
        foreach (var header in original.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = CreateContentReadStream(cancellationToken);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(CancellationToken.None));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken)
    {
        if (_consumed)
        {
            throw new InvalidOperationException("The response content was already read. Call LoadIntoBufferAsync first to read it more than once.");
        }

        _consumed = true;
        return new ReplayStream(this);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rest?.Dispose();
            _original.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The prefix, extended by the pending read when it completes, then the failure or the rest.</summary>
    private sealed class ReplayStream(CapturedBodyContent content) : Stream
    {
        private readonly ExceptionDispatchInfo? _failure = content._failure is { } f ? ExceptionDispatchInfo.Capture(f) : null;
        private Task<int>? _pending = content._pending;
        private int _length = content._prefixLength;
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == _length && _pending is { } pending && !buffer.IsEmpty)
            {
                _length += await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
                _pending = null;
            }

            return TryCopy(buffer.Span, out var copied) ? copied
                : content._rest is { } rest ? await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) : 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position == _length && _pending is { } pending && !buffer.IsEmpty)
            {
                _length += pending.GetAwaiter().GetResult();
                _pending = null;
            }

            return TryCopy(buffer, out var copied) ? copied : content._rest?.Read(buffer) ?? 0;
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
                content._rest?.Dispose();
            }

            base.Dispose(disposing);
        }

        /// <summary>Copies from the prefix; at its end, throws the failure, if any; false when the rest is next.</summary>
        private bool TryCopy(Span<byte> destination, out int copied)
        {
            copied = Math.Min(destination.Length, _length - _position);
            if (copied > 0 || destination.IsEmpty)
            {
                content._prefix.AsSpan(_position, copied).CopyTo(destination);
                _position += copied;
                return true;
            }

            _failure?.Throw();
            return false;
        }
    }
}
