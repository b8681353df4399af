using PartnerCenter.Observability.Hardening.Tests.Infrastructure;
using Serilog;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using PartnerCenter.Observability.Tests.Infrastructure;
using Shapes = PartnerCenter.Observability.Hardening.Tests.Faults.Shapes;

namespace PartnerCenter.Observability.Serilog.Tests.Internal;

/// <summary>
/// Our Serilog enricher fed exceptions whose members throw (an SDK-shaped exception with throwing getters), beside a sink
/// that throws: logging never throws to the app, the other sink gets every event, and a real Partner Center error is
/// still enriched.
/// </summary>
[Collection(NonParallelTests.Name)]
public sealed class EnricherFaultTests
{
    private readonly ITestOutputHelper _output;

    public EnricherFaultTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_enricher_survives_exceptions_whose_members_throw_and_a_sink_that_throws()
    {
        // Serilog swallows an enricher's exception and reports it on SelfLog ("caught while enriching"); that guarantee
        // is Serilog's. Ours is stronger: the faults stay inside our enricher (nothing reaches Serilog's guard), a
        // throwing member of one exception does not stop the walk, and a real Partner Center error later in the same
        // chain is still found.
        var selfLog = new List<string>();
        SelfLog.Enable(line =>
        {
            lock (selfLog)
            {
                selfLog.Add(line);
            }
        });
        try
        {
            var kept = new KeepingSink();
            using var logger = new LoggerConfiguration()
                .Enrich.WithPartnerCenterErrors()
                .WriteTo.Sink(new ThrowingSink())
                .WriteTo.Sink(kept)
                .CreateLogger();

            var classification = PartnerCenterErrorClassifier.Default.Classify(403, """{"code": 800020}"""u8, "application/json");
            var real = new PartnerCenterException(classification) { Method = "POST", Operation = "/v1/customers/{customer_id}/orders", RequestId = "rid-1", CorrelationId = "cid-1" };
            var exceptions = new Exception[]
            {
                new Shapes.PartnerException(),
                new AggregateException(new Shapes.PartnerException(), new InvalidOperationException("wrapped", new Shapes.PartnerException())),
                new AggregateException(new Shapes.PartnerException(), new InvalidOperationException("wrapped", real)),
                new InvalidOperationException("outer", real),
            };

            foreach (var exception in exceptions)
            {
                var thrown = Record.Exception(() => logger.Error(exception, "Order job failed"));
                Assert.Null(thrown);
            }

            Assert.Equal(exceptions.Length, kept.Events.Count);
            foreach (var enriched in kept.Events[^2..])
            {
                Assert.Equal("800020", (enriched.Properties[PartnerCenterTelemetryNames.Tags.ErrorCode] as ScalarValue)?.Value);
                Assert.Equal("eligibility", (enriched.Properties[PartnerCenterTelemetryNames.Tags.ErrorCategory] as ScalarValue)?.Value);
            }

            lock (selfLog)
            {
                Assert.DoesNotContain(selfLog, line => line.Contains("caught while enriching", StringComparison.Ordinal));
                Assert.Contains(selfLog, line => line.Contains("sink fault", StringComparison.Ordinal)); // SelfLog was listening
            }

            Figures.Report(_output, "fault survived", $"Serilog enricher: {exceptions.Length} events with throwing exception members and a throwing sink, all delivered to the other sink; no fault reached Serilog's own guard");
        }
        finally
        {
            SelfLog.Disable();
        }
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
