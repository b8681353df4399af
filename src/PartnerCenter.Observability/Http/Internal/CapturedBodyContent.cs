namespace PartnerCenter.Observability.Http;

/// <summary>
/// The content handed to the caller in place of a streamed error body the handler read the first bytes of: the same
/// headers, and a <see cref="ReplayStream"/> that yields exactly the original bytes. Like a network body it is read
/// once (or buffered first); its length is never computed, so a chunked response still has no Content-Length.
/// </summary>
internal sealed class CapturedBodyContent : StreamContent
{
    public CapturedBodyContent(HttpContent original, ReplayStream body)
        : base(body) => CopyHeaders(original, this);

    /// <summary>Copies the headers of one content to another, as they are.</summary>
    public static HttpContent CopyHeaders(HttpContent from, HttpContent to)
    {
        foreach (var header in from.Headers.NonValidated)
        {
            to.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return to;
    }
}
