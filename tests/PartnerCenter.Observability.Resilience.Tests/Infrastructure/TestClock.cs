using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PartnerCenter.Observability.Resilience.Tests.Infrastructure;

/// <summary>A fake clock, shared by the client and the simulator, that reports every timer created on it.</summary>
internal sealed class TestClock : FakeTimeProvider
{
    private readonly Channel<TimerRecord> _created = Channel.CreateUnbounded<TimerRecord>();

    /// <summary>Starts on a whole second, so that HTTP dates (whole seconds) measure exactly.</summary>
    public TestClock()
        : base(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public ChannelReader<TimerRecord> Created => _created.Reader;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(new TimerRecord(dueTime, state is CancellationTokenSource));
        return timer;
    }
}

/// <summary>A timer created on the <see cref="TestClock"/>: a delay, or the timeout of a <see cref="CancellationTokenSource"/>.</summary>
internal sealed record TimerRecord(TimeSpan DueTime, bool IsCancellation);
