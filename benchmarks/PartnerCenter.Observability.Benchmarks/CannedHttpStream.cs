using System.Text;
using System.Threading.Tasks.Sources;

namespace PartnerCenter.Observability.Benchmarks;

/// <summary>
/// One HTTP/1.1 connection in memory: every request the client writes (headers ending in an empty line; the benchmarks
/// send no request body) is answered with the same canned response. The runtime's HTTP stack, its connection pool and
/// its own telemetry run for real, without a server process, a kernel socket or a second busy thread.
/// </summary>
internal sealed class CannedHttpStream(byte[] response) : Stream, IValueTaskSource<int>
{
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();
    private readonly Lock _gate = new();

    // Completes the waiting read inline, on the thread that wrote the request: no thread-pool hop (whose delay on a
    // loaded 2-core machine is scheduling noise, not HTTP cost) between a request and its answer.
    private ManualResetValueTaskSourceCore<int> _answer = new() { RunContinuationsAsynchronously = false };
    private bool _readerWaiting;
    private Memory<byte> _waitingBuffer;
    private int _answersDue;
    private int _matched;
    private int _offset = -1;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>A canned HTTP/1.1 200 response with a JSON body.</summary>
    public static byte[] JsonResponse(string body) => Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nMS-RequestId: 6a0f9c0f-2b11-4e4b-9a59-5c7b6c438d7e\r\n\r\n{body}");

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        // Jumps to the next CR (a vectorised search), so that the scan costs the same few nanoseconds whatever headers
        // a handler adds; a match may span writes.
        var rest = buffer;
        while (!rest.IsEmpty)
        {
            if (_matched == 0)
            {
                var cr = rest.IndexOf(EndOfHeaders[0]);
                if (cr < 0)
                {
                    return;
                }

                rest = rest[cr..];
            }

            var b = rest[0];
            rest = rest[1..];
            _matched = b == EndOfHeaders[_matched] ? _matched + 1 : (b == EndOfHeaders[0] ? 1 : 0);
            if (_matched == EndOfHeaders.Length)
            {
                _matched = 0;
                Answer();
            }
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset < 0)
        {
            lock (_gate)
            {
                if (_answersDue == 0)
                {
                    // The pool's zero-byte read-ahead waits here between requests, as it would on an idle socket.
                    _readerWaiting = true;
                    _waitingBuffer = buffer;
                    _answer.Reset();
                    return new ValueTask<int>(this, _answer.Version);
                }

                _answersDue--;
            }

            _offset = 0;
        }

        return ValueTask.FromResult(Copy(buffer.Span));
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _answer.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _answer.OnCompleted(continuation, state, token, flags);

    int IValueTaskSource<int>.GetResult(short token) => _answer.GetResult(token);

    private void Answer()
    {
        lock (_gate)
        {
            if (!_readerWaiting)
            {
                _answersDue++;
                return;
            }

            _readerWaiting = false;
        }

        _offset = 0;
        var buffer = _waitingBuffer;
        _waitingBuffer = default;
        _answer.SetResult(Copy(buffer.Span));
    }

    private int Copy(Span<byte> buffer)
    {
        if (buffer.Length == 0)
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, response.Length - _offset);
        response.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == response.Length)
        {
            _offset = -1;
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
