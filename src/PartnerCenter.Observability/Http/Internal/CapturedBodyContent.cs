using System.Net;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// The content handed to the caller in place of an error response's original content after the handler read its
/// first bytes. It yields exactly the original bytes: the prefix the handler read, then the bytes of a read the handler
/// stopped waiting for (the read is never cancelled, so the connection is not aborted and nothing is lost), then the
/// rest of the original stream, or the exception the handler's read ended with when the body broke off. Its headers are
/// a copy of the original's; its length is never computed, so a chunked response still has no Content-Length.
/// </summary>
internal sealed class CapturedBodyContent : HttpContent
{
    private readonly HttpContent _original;
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private readonly Stream? _rest;
    private readonly PendingRead? _pending;
    private readonly Exception? _failure;
    private bool _consumed;

    public CapturedBodyContent(HttpContent original, byte[] prefix, int prefixLength, Stream? rest, PendingRead? pending, Exception? failure = null)
    {
        _original = original;
        _prefix = prefix;
        _prefixLength = prefixLength;
        _rest = rest;
        _pending = pending;
        _failure = failure;
        foreach (var header in original.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var source = CreateStream();
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(CreateStream());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(CreateStream());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => CreateStream();

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

    private PrefixedReadStream CreateStream()
    {
        // Like a network response, the body can be read once; a buffered copy (LoadIntoBufferAsync) can be read again.
        if (_consumed)
        {
            throw new InvalidOperationException("The response content was already read. Call LoadIntoBufferAsync first to read it more than once.");
        }

        _consumed = true;
        return new PrefixedReadStream(_prefix, _prefixLength, _pending, _rest, _failure);
    }
}

/// <summary>A read the handler started and stopped waiting for, and the buffer it writes into.</summary>
internal sealed record PendingRead(Task<int> Read, byte[] Buffer, int Offset);
