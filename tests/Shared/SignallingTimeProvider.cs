using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.Observability.Testing;

/// <summary>
/// A fake clock that tells the test when the code under test has started waiting on it (a timer was created), so that
/// the test advances time only once the code is actually waiting: no real sleeping and no race. Every wait for a timer
/// is bounded in real time, so a wait that never starts fails with a message instead of hanging.
/// </summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(30);
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public SignallingTimeProvider()
        : base(new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>
    /// Waits (in real time, at most 30 seconds: a bound for a stuck test, not a measurement) until the next timer is
    /// created; returns its due time.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync()
    {
        using var timeout = new CancellationTokenSource(RealTimeBound);
        try
        {
            return await _timers.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No timer was created on the fake clock within {RealTimeBound.TotalSeconds:0} s of real time.");
        }
    }
}
