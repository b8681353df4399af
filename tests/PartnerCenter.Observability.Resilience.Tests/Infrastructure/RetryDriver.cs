using System.Collections.Concurrent;
using Polly.Retry;

namespace PartnerCenter.Observability.Resilience.Tests.Infrastructure;

/// <summary>
/// Moves the fake clock for a pending call, so that no test waits for real time: when the retry strategy decides a
/// retry (its OnRetry hook, <see cref="OnRetry"/>) and then creates the timer of that delay, the clock jumps exactly to it.
/// Other timers (timeouts, the simulator's holds) only move the clock when <see cref="AdvanceOn"/> says so.
/// </summary>
internal sealed class RetryDriver(TestClock clock)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ConcurrentQueue<TimeSpan> _pendingDelays = new();
    private readonly ConcurrentQueue<RetryEvent> _retries = new();

    /// <summary>Says how far to move the clock when a timer other than a retry delay is created; null leaves it.</summary>
    public Func<TimerRecord, TimeSpan?>? AdvanceOn { get; set; }

    /// <summary>Every retry decided so far, in order.</summary>
    public IReadOnlyList<RetryEvent> Retries => [.. _retries];

    public ValueTask OnRetry(OnRetryArguments<HttpResponseMessage> args)
    {
        var response = args.Outcome.Result;
        _retries.Enqueue(new RetryEvent(
            args.AttemptNumber,
            args.RetryDelay,
            response is null ? null : (int)response.StatusCode,
            response?.Headers.RetryAfter is not null,
            args.Outcome.Exception?.GetType()));
        if (args.RetryDelay > TimeSpan.Zero)
        {
            _pendingDelays.Enqueue(args.RetryDelay);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the call to its end, moving the clock whenever the call waits on it.</summary>
    public async Task<T> RunAsync<T>(Task<T> call)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!call.IsCompleted)
        {
            var timerCreated = clock.Created.WaitToReadAsync(patience.Token).AsTask();
            await Task.WhenAny(call, timerCreated);
            while (clock.Created.TryRead(out var timer))
            {
                if (_pendingDelays.TryPeek(out var delay) && Math.Abs((timer.DueTime - delay).TotalMilliseconds) <= 1 && !timer.IsCancellation)
                {
                    _pendingDelays.TryDequeue(out _);
                    clock.Advance(timer.DueTime);
                }
                else if (AdvanceOn?.Invoke(timer) is { } advance)
                {
                    clock.Advance(advance);
                }
            }

            if (patience.IsCancellationRequested)
            {
                throw new TimeoutException("The call neither completed nor scheduled a timer that the driver moves the clock for.");
            }
        }

        return await call;
    }
}

/// <summary>One retry decided by the pipeline.</summary>
internal sealed record RetryEvent(int AttemptNumber, TimeSpan Delay, int? StatusCode, bool HadRetryAfter, Type? Exception);
