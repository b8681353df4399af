using System.Buffers;
using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Reads the first bytes of an error response within a size and a time limit, classifies them, and leaves the caller a
/// content with exactly the original bytes and headers. An in-memory content is read in place and left as it is; a
/// seekable stream is read and rewound; any other stream is replaced by a <see cref="CapturedBodyContent"/>. A read that
/// outlives the time limit is never cancelled (cancelling a pending read aborts the connection): it is handed over to
/// the replacement content.
/// </summary>
internal static class ErrorBodyCapture
{
    public static async ValueTask<PartnerCenterErrorClassification> ReadAndClassifyAsync(
        HttpResponseMessage response,
        PartnerCenterErrorClassifier classifier,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var content = response.Content;
        var mediaType = content.Headers.ContentType?.MediaType;
        if (!PartnerCenterPayloadReader.IsJsonLike(mediaType))
        {
            return PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.NotJson);
        }

        // Read one byte past the limit, so that the reader knows the body was longer.
        var limit = classifier.Options.MaxBodyBytes;
        if (TryReadInMemory(content, limit + 1, out var inMemory))
        {
            return classifier.Classify(status, inMemory, mediaType);
        }

        var declared = content.Headers.ContentLength;
        if (declared == 0)
        {
            return PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Empty);
        }

        var capacity = declared is > 0 && declared < limit ? (int)declared.Value + 1 : limit + 1;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var seekable = stream.CanSeek;
        var origin = seekable ? stream.Position : 0;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var started = timeProvider.GetTimestamp();
        var total = 0;
        var endOfStream = false;
        Task<int>? pending = null;
        Exception? failure = null;
        try
        {
            while (total < capacity)
            {
                var read = stream.ReadAsync(buffer.AsMemory(total, capacity - total), seekable ? cancellationToken : CancellationToken.None);
                int count;
                if (read.IsCompleted || seekable)
                {
                    count = await read.ConfigureAwait(false);
                }
                else
                {
                    var task = read.AsTask();
                    try
                    {
                        var remaining = timeout - timeProvider.GetElapsedTime(started);
                        count = remaining > TimeSpan.Zero
                            ? await task.WaitAsync(remaining, timeProvider, cancellationToken).ConfigureAwait(false)
                            : throw new TimeoutException();
                    }
                    catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
                    {
                        // Stop waiting, but let the read finish into the content the caller gets; its failure is
                        // observed here, so that it never surfaces as an UnobservedTaskException.
                        _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        pending = task;
                        break;
                    }
                }

                if (count == 0)
                {
                    endOfStream = true;
                    break;
                }

                total += count;
            }
        }
        catch (Exception ex) when (!seekable)
        {
            // The body broke off or could not be decoded: the caller reads the same failure after the bytes before it.
            failure = ex;
        }
        finally
        {
            if (seekable)
            {
                stream.Position = origin;
            }
        }

        if (seekable)
        {
            // Read in place and rewound, so that the caller can read it as often as before.
            var classification = classifier.Classify(status, buffer.AsSpan(0, total), mediaType);
            ArrayPool<byte>.Shared.Return(buffer);
            ReplaceStreamContent(response, content, stream);
            return classification;
        }

        // The pending read writes into the buffer after the prefix, so the buffer goes to the content; else a copy does.
        var prefix = pending is null ? buffer.AsSpan(0, total).ToArray() : buffer;
        if (pending is null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // Hand the bytes over before classifying, so that nothing the classifier does can cost the caller its body.
        response.Content = new CapturedBodyContent(content, prefix, total, endOfStream ? null : stream, pending, failure);
        if (endOfStream)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }

        // A body that failed before its first byte says nothing: the status decides, and the outcome says why.
        return failure is not null && total == 0
            ? PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Invalid)
            : classifier.Classify(status, prefix.AsSpan(0, total), mediaType);
    }

    /// <summary>
    /// The first <paramref name="capacity"/> bytes of an in-memory content, which writes itself again on each copy;
    /// false for any other content (it has to be read).
    /// </summary>
    public static bool TryReadInMemory(HttpContent content, int capacity, out ArraySegment<byte> body)
    {
        body = default;
        if (content is not (ByteArrayContent or ReadOnlyMemoryContent))
        {
            return false;
        }

        // The length is not asked of the headers: computing it would store a Content-Length in them.
        using var sink = new InMemoryBodySink(capacity);
        content.CopyTo(sink, null, CancellationToken.None);
        body = sink.Body;
        return true;
    }

    /// <summary>
    /// ReadAsStreamAsync left its stream cached in a <see cref="StreamContent"/>: the caller's ReadAsStream would get that
    /// stream (a synchronous one would throw), and its LoadIntoBufferAsync would not be seen. The caller gets a
    /// <see cref="StreamContent"/> as the original was before the read: same stream and position, same headers.
    /// </summary>
    private static void ReplaceStreamContent(HttpResponseMessage response, HttpContent content, Stream stream)
    {
        if (content.GetType() != typeof(StreamContent))
        {
            return;
        }

        var fresh = new StreamContent(stream);
        foreach (var header in content.Headers.NonValidated)
        {
            fresh.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = fresh;
    }
}
