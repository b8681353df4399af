using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Xunit.Abstractions;

namespace PartnerCenter.Observability.Hardening.Tests.Faults;

/// <summary>
/// Our Serilog enricher fed exceptions whose members throw (an SDK-shaped exception with throwing getters), beside a sink
/// that throws: logging never throws to the app, the other sink gets every event, and a real Partner Center error is
/// still enriched.
/// </summary>
[Collection(ProcessWideListeners.Name)]
public sealed class EnricherFaultTests
{
    private readonly ITestOutputHelper _output;

    public EnricherFaultTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_enricher_survives_exceptions_whose_members_throw_and_a_sink_that_throws()
    {
        var kept = new KeepingSink();
        using var logger = new LoggerConfiguration()
            .Enrich.WithPartnerCenterErrors()
            .WriteTo.Sink(new ThrowingSink())
            .WriteTo.Sink(kept)
            .CreateLogger();

        var classification = PartnerCenterErrorClassifier.Default.Classify(403, """{"code": 800020}"""u8, "application/json");
        var real = new PartnerCenterException(classification, "POST", "/v1/customers/{customer_id}/orders", "rid-1", "cid-1");
        var exceptions = new Exception[]
        {
            new Shapes.PartnerException(),
            new AggregateException(new Shapes.PartnerException(), new InvalidOperationException("wrapped", new Shapes.PartnerException())),
            new InvalidOperationException("outer", real),
        };

        foreach (var exception in exceptions)
        {
            var thrown = Record.Exception(() => logger.Error(exception, "Order job failed"));
            Assert.Null(thrown);
        }

        Assert.Equal(exceptions.Length, kept.Events.Count);
        var enriched = kept.Events[^1];
        Assert.Equal("800020", (enriched.Properties[PartnerCenterTelemetryNames.Tags.ErrorCode] as ScalarValue)?.Value);
        Assert.Equal("eligibility", (enriched.Properties[PartnerCenterTelemetryNames.Tags.ErrorCategory] as ScalarValue)?.Value);
        Figures.Report(_output, "fault survived", $"Serilog enricher: {exceptions.Length} events with throwing exception members and a throwing sink, all delivered to the other sink");
    }

    private sealed class ThrowingSink : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => throw new InvalidOperationException("sink fault");
    }

    private sealed class KeepingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
