using System.Buffers;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Reads the first bytes of an error response within a size and a time limit and classifies them, leaving the caller
/// exactly the original bytes: an in-memory content is read in place, a seekable stream is rewound, any other stream is
/// replaced by a <see cref="StreamContent"/> over a <see cref="ReplayStream"/>. A read that outlives the time limit is
/// never cancelled (that aborts the connection): it is handed over to the replacement content.
/// </summary>
internal static class ErrorBodyCapture
{
    public static async ValueTask<PartnerCenterErrorClassification> ReadAndClassifyAsync(HttpResponseMessage response, PartnerCenterErrorClassifier classifier, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var content = response.Content;
        var mediaType = content.Headers.ContentType?.MediaType;
        var limit = classifier.Options.MaxBodyBytes;
        if (!PartnerCenterPayloadReader.IsJsonLike(mediaType))
        {
            return PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.NotJson);
        }

        if (TryReadInMemory(content, limit + 1, out var inMemory))
        {
            return classifier.Classify(status, inMemory, mediaType);
        }

        var declared = content.Headers.ContentLength;
        if (declared == 0)
        {
            return PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Empty);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var seekable = stream.CanSeek;
        var capacity = declared is >= 0 && declared < limit ? (int)declared.Value + 1 : limit + 1; // +1: the reader sees a longer body
        var origin = seekable ? stream.Position : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var started = timeProvider.GetTimestamp();
        var total = 0;
        var endOfStream = false;
        Task<int>? pending = null;
        var failed = false;
        try
        {
            while (!endOfStream && total < capacity)
            {
                var read = stream.ReadAsync(buffer.AsMemory(total, capacity - total), seekable ? cancellationToken : CancellationToken.None);
                var task = read.IsCompleted || seekable ? null : read.AsTask();
                var remaining = timeout - timeProvider.GetElapsedTime(started);
                try
                {
                    var count = task is null ? await read.ConfigureAwait(false)
                        : await task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider, cancellationToken).ConfigureAwait(false);
                    total += count;
                    endOfStream = count == 0;
                }
                catch (Exception ex) when (task is not null && ex is TimeoutException or OperationCanceledException)
                {
                    pending = task; // stop waiting: the read finishes into the caller's content
                    break;
                }
            }
        }
        catch (Exception ex) when (!seekable)
        {
            // The body broke off or could not be decoded: the caller reads the same failure after the bytes before it.
            (pending, failed) = (Task.FromException<int>(ex), true);
        }

        // A failure of the pending read is observed here, so that it never surfaces as an UnobservedTaskException.
        _ = pending?.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        if (seekable)
        {
            stream.Position = origin;
            // The read left the stream cached in a StreamContent: the caller gets one as it was before (same stream and
            // position, same headers, nothing cached), so that its reads and LoadIntoBufferAsync work as before.
            if (content.GetType() == typeof(StreamContent))
            {
                response.Content = CopyHeaders(content, new StreamContent(stream));
            }

            var classification = classifier.Classify(status, buffer.AsSpan(0, total), mediaType);
            ArrayPool<byte>.Shared.Return(buffer);
            return classification;
        }

        // A pending read still writes into the pooled buffer after the prefix: then the buffer goes with it, never back.
        var prefix = pending is null ? buffer.AsSpan(0, total).ToArray() : buffer;
        if (pending is null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Hand the bytes over before classifying, so that nothing the classifier does can cost the caller its body.
        response.Content = CopyHeaders(content, new StreamContent(new ReplayStream(content, prefix, total, pending, stream)));

        // A body that failed before its first byte says nothing: the status decides, and the outcome says why.
        return failed && total == 0
            ? PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Invalid)
            : classifier.Classify(status, prefix.AsSpan(0, total), mediaType);
    }

    /// <summary>The first <paramref name="capacity"/> bytes of an in-memory content, which writes itself again on each copy.</summary>
    public static bool TryReadInMemory(HttpContent content, int capacity, out ArraySegment<byte> body)
    {
        body = default;
        if (content is not (ByteArrayContent or ReadOnlyMemoryContent))
        {
            return false;
        }

        using var sink = new InMemoryBodySink(capacity);
        content.CopyTo(sink, null, CancellationToken.None);
        body = sink.Body;
        return true;
    }

    private static HttpContent CopyHeaders(HttpContent from, HttpContent to)
    {
        foreach (var header in from.Headers.NonValidated)
        {
            to.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return to;
    }
}
