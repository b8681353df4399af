using System.Net;

namespace PartnerCenter.Observability.Enrichers.Tests.Infrastructure;

/// <summary>
/// Wraps each response's content to count how often its stream is opened and how many bytes are read from it. As the
/// primary handler (sockets underneath) it sees every read from the network; as an outer handler, above the telemetry
/// handler, every read of the content the caller gets.
/// </summary>
internal sealed class CountingHandler : DelegatingHandler
{
    /// <summary>A primary handler: sockets underneath.</summary>
    public static CountingHandler Primary() => new() { InnerHandler = new SocketsHttpHandler() };

    public CountingContent? Last { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Last = new CountingContent(response.Content);
        response.Content = Last;
        return response;
    }

    internal sealed class CountingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private int _opened;
        private long _bytesRead;

        public CountingContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        public int Opened => Volatile.Read(ref _opened);

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var source = await CreateContentReadStreamAsync(cancellationToken);
            await source.CopyToAsync(stream, cancellationToken);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _opened);
            return new CountingStream(await _inner.ReadAsStreamAsync(cancellationToken), this);
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
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private sealed class CountingStream(Stream inner, CountingContent owner) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => Count(await inner.ReadAsync(buffer, cancellationToken));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }

            private int Count(int read)
            {
                Interlocked.Add(ref owner._bytesRead, read);
                return read;
            }
        }
    }
}
