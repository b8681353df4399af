using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.Observability.Simulator.Tests.Support;

/// <summary>
/// A fake clock that tells the test when the simulator has started waiting on it (a timer was created), so that the test
/// advances time only once the server is actually stalled: no real sleeping and no race.
/// </summary>
internal sealed class SignallingTimeProvider : FakeTimeProvider
{
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

    /// <summary>Waits (in real time, at most 10 seconds) until the next timer is created; returns its due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _timers.Reader.ReadAsync(timeout.Token);
    }
}
