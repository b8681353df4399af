using System.Buffers;

namespace PartnerCenter.Observability.Http;

/// <summary>
/// Reads the first bytes of an error response within a size and a time limit, classifies them, and leaves the caller a
/// content with exactly the original bytes and headers. A read that outlives the time limit is never cancelled
/// (cancelling a pending read aborts the connection); it is handed over to the replacement content instead.
/// </summary>
internal static class ErrorBodyCapture
{
    /// <summary>
    /// Classifies an in-memory error body (<see cref="ByteArrayContent"/>, <see cref="StringContent"/>, <see cref="ReadOnlyMemoryContent"/>) synchronously and
    /// in place (<see cref="TryCaptureInMemory"/>), taking no async step. The content is left as it is. False for any
    /// other content, which <see cref="ReadAndClassifyAsync"/> reads.
    /// </summary>
    public static bool TryClassifyInMemory(HttpResponseMessage response, PartnerCenterErrorClassifier classifier, out PartnerCenterErrorClassification classification)
    {
        switch (TryCaptureInMemory(response, classifier, out classification, out var body))
        {
            case InMemoryCapture.Captured:
                classification = classifier.Classify((int)response.StatusCode, body, contentType: null);
                return true;
            case InMemoryCapture.Classified:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Takes the bytes of an in-memory error body without copying them: the content writes its bytes once into a
    /// <see cref="SingleWriteSink"/>, which keeps a reference to its array, so nothing is copied, rented or allocated.
    /// <see cref="InMemoryCapture.Captured"/> gives the first bytes of a JSON-like body (up to one past the size limit,
    /// so that the reader knows the body was longer), left for the caller to classify now or later;
    /// <see cref="InMemoryCapture.Classified"/> a classification already made (an empty or non-JSON body, or a content
    /// that wrote itself in pieces and was copied); <see cref="InMemoryCapture.NotInMemory"/> any other content.
    /// </summary>
    public static InMemoryCapture TryCaptureInMemory(HttpResponseMessage response, PartnerCenterErrorClassifier classifier, out PartnerCenterErrorClassification classification, out ArraySegment<byte> body)
    {
        body = default;
        classification = default;
        var content = response.Content;
        // ReadOnlyMemoryContent writes its memory again on each copy, like ByteArrayContent: read by copying, never
        // through ReadAsStreamAsync, which would leave a stream cached in the caller's content.
        if (content is not (ByteArrayContent or ReadOnlyMemoryContent))
        {
            return InMemoryCapture.NotInMemory;
        }

        var status = (int)response.StatusCode;
        var mediaType = content.Headers.ContentType?.MediaType;
        if (!Payload.PartnerCenterPayloadReader.IsJsonLike(mediaType))
        {
            classification = PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.NotJson);
            return InMemoryCapture.Classified;
        }

        // The length is not asked of the headers: computing it stores a boxed Content-Length in them, and the single
        // write says how long the body is.
        var capacity = classifier.Options.MaxBodyBytes + 1;
        var sink = SingleWriteSink.Rent();
        try
        {
            content.CopyTo(sink, null, CancellationToken.None);
            if (sink.TryGetCaptured(out var captured))
            {
                if (captured.Count == 0)
                {
                    classification = PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Empty);
                    return InMemoryCapture.Classified;
                }

                body = captured[..Math.Min(captured.Count, capacity)];
                return InMemoryCapture.Captured;
            }
        }
        finally
        {
            sink.Release();
        }

        // A content that wrote itself in pieces: copy its first bytes.
        classification = ClassifyBuffered(content, status, mediaType, classifier, capacity);
        return InMemoryCapture.Classified;
    }

    public static async ValueTask<PartnerCenterErrorClassification> ReadAndClassifyAsync(
        HttpResponseMessage response,
        PartnerCenterErrorClassifier classifier,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (TryClassifyInMemory(response, classifier, out var inMemory))
        {
            return inMemory;
        }

        var status = (int)response.StatusCode;
        var content = response.Content;
        var mediaType = content.Headers.ContentType?.MediaType;
        if (!Payload.PartnerCenterPayloadReader.IsJsonLike(mediaType))
        {
            return PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.NotJson);
        }

        var declared = content.Headers.ContentLength;
        if (declared == 0)
        {
            return PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Empty);
        }

        var limit = classifier.Options.MaxBodyBytes;

        // Read one byte past the limit, so that the reader knows the body was longer.
        var capacity = declared is > 0 && declared < limit ? (int)declared.Value + 1 : limit + 1;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (stream.CanSeek)
        {
            // A buffered or seekable content (a test stub's StreamContent over a MemoryStream) can be read again: read
            // in place and rewind, so that the caller can read it as often as before.
            var seekable = await ClassifySeekableAsync(stream, status, mediaType, classifier, capacity, cancellationToken).ConfigureAwait(false);
            ReplaceReadStreamContent(response, content, stream);
            return seekable;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var returnBuffer = true;
        try
        {
            var started = timeProvider.GetTimestamp();
            var total = 0;
            var endOfStream = false;
            PendingRead? pending = null;
            Exception? failure = null;
            try
            {
                while (total < capacity)
                {
                    var read = stream.ReadAsync(buffer.AsMemory(total, capacity - total), CancellationToken.None);
                    int count;
                    if (read.IsCompleted)
                    {
                        count = read.GetAwaiter().GetResult();
                    }
                    else
                    {
                        var task = read.AsTask();
                        var remaining = timeout - timeProvider.GetElapsedTime(started);
                        try
                        {
                            count = remaining > TimeSpan.Zero
                                ? await task.WaitAsync(remaining, timeProvider, cancellationToken).ConfigureAwait(false)
                                : throw new TimeoutException();
                        }
                        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
                        {
                            // Stop waiting, but let the read finish into the content the caller gets. If the caller
                            // never reads it (it disposed the response), its failure is observed here, so that it never
                            // surfaces as an UnobservedTaskException.
                            Observe(task);
                            pending = new PendingRead(task, buffer, total);
                            returnBuffer = false;
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
            catch (Exception ex)
            {
                // The body broke off, or could not be decoded (a Content-Encoding that does not match the bytes gives an
                // InvalidDataException). The caller reads the same failure after the bytes that came before it (reading
                // the broken stream again would give another exception, or none).
                failure = ex;
            }

            // Hand the bytes over before classifying, so that nothing the classifier does can cost the caller its body.
            var prefix = buffer.AsSpan(0, total).ToArray();
            response.Content = new CapturedBodyContent(content, prefix, total, endOfStream ? null : stream, pending, failure);
            if (endOfStream)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            // A body that failed before its first byte says nothing: the status decides, and the outcome says why.
            return failure is not null && total == 0
                ? PartnerCenterErrorClassifier.ClassifyStatus(status, PartnerCenterPayloadOutcome.Invalid)
                : classifier.Classify(status, prefix, mediaType);
        }
        finally
        {
            if (returnBuffer)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static async ValueTask<PartnerCenterErrorClassification> ClassifySeekableAsync(Stream stream, int status, string? mediaType, PartnerCenterErrorClassifier classifier, int capacity, CancellationToken cancellationToken)
    {
        var origin = stream.Position;
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var total = 0;
            int count;
            while (total < capacity && (count = await stream.ReadAsync(buffer.AsMemory(total, capacity - total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += count;
            }

            return classifier.Classify(status, buffer.AsSpan(0, total), mediaType);
        }
        finally
        {
            stream.Position = origin;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// ReadAsStreamAsync left its stream cached in a <see cref="StreamContent"/>: the caller's own ReadAsStream would get
    /// that stream (a synchronous one would throw), and a LoadIntoBufferAsync would not be seen by it. The caller gets
    /// instead a <see cref="StreamContent"/> in the state the original had before the read: over the same stream, at the
    /// same position, with the same headers, nothing cached. Other content types keep the original content.
    /// </summary>
    private static void ReplaceReadStreamContent(HttpResponseMessage response, HttpContent content, Stream stream)
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

    /// <summary>Observes the failure of a read nobody may await again.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static PartnerCenterErrorClassification ClassifyBuffered(HttpContent content, int status, string? mediaType, PartnerCenterErrorClassifier classifier, int capacity)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
        var sink = BoundedCopySink.For(buffer, capacity);
        try
        {
            // The content writes its bytes into the sink, which keeps the first `capacity`: no stream of its own.
            content.CopyTo(sink, null, CancellationToken.None);
            return classifier.Classify(status, buffer.AsSpan(0, sink.Count), mediaType);
        }
        finally
        {
            sink.Release();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
