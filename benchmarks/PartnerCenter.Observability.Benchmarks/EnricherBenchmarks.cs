using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PartnerCenter.Observability.Serilog;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Exceptions.Core;
using Serilog.Parsing;

namespace PartnerCenter.Observability.Benchmarks;

// Enrichers are called through ILogEventEnricher, as Serilog calls them: the interface dispatch is part of the cost.
#pragma warning disable CA1859

/// <summary>
/// The Serilog enricher (<c>Enrich.WithPartnerCenterErrors()</c>) on an event without an exception (target: under
/// 20 ns, 0 B) and on an event with a Partner Center exception, against Serilog.Exceptions' <c>WithExceptionDetails()</c>
/// on the same events. Each "exception" benchmark enriches a new event (an enricher never overwrites, so a reused event
/// would be enriched once); the baseline of that category is the cost of the new event alone.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EnricherBenchmarks
{
    private static readonly MessageTemplate Template = new MessageTemplateParser().Parse("Order {OrderId} failed");
    private static readonly LogEventProperty OrderId = new("OrderId", new ScalarValue(42));

    private readonly ILogEventEnricher _ours = new PartnerCenterErrorEnricher(includeCurrentSpan: true);
    private readonly ILogEventEnricher _exceptionDetails = new ExceptionEnricher(new DestructuringOptionsBuilder().WithDefaultDestructurers());
    private ILogEventPropertyFactory _factory = null!;
    private LogEvent _withoutException = null!;
    private Exception _partnerCenterError = null!;

    [GlobalSetup]
    public void Setup()
    {
        _factory = PropertyFactoryCapture.Capture();
        _withoutException = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, Template, [OrderId]);
        _partnerCenterError = Thrown();
        if (Activity.Current is not null)
        {
            throw new InvalidOperationException("The benchmarks without an activity need Activity.Current to be null.");
        }
    }

    [Benchmark(Baseline = true, Description = "ours: no exception")]
    [BenchmarkCategory("no exception")]
    public void Ours_NoException() => _ours.Enrich(_withoutException, _factory);

    [Benchmark(Description = "Serilog.Exceptions: no exception")]
    [BenchmarkCategory("no exception")]
    public void SerilogExceptions_NoException() => _exceptionDetails.Enrich(_withoutException, _factory);

    [Benchmark(Baseline = true, Description = "new event only (no enricher)")]
    [BenchmarkCategory("exception")]
    public LogEvent NewEventOnly() => NewEvent();

    [Benchmark(Description = "ours: Partner Center exception (wrapped)")]
    [BenchmarkCategory("exception")]
    public LogEvent Ours_PartnerCenterException()
    {
        var logEvent = NewEvent();
        _ours.Enrich(logEvent, _factory);
        return logEvent;
    }

    [Benchmark(Description = "Serilog.Exceptions: Partner Center exception (wrapped)")]
    [BenchmarkCategory("exception")]
    public LogEvent SerilogExceptions_PartnerCenterException()
    {
        var logEvent = NewEvent();
        _exceptionDetails.Enrich(logEvent, _factory);
        return logEvent;
    }

    internal static Exception Thrown()
    {
        var classification = PartnerCenterErrorClassifier.Default.Classify(403, "800020", "The catalog item isn't eligible for purchase.");
        try
        {
            try
            {
                throw new PartnerCenterException(classification) { Method = "POST", Operation = "/v1/customers/{customer_id}/orders", RequestId = Guid.NewGuid().ToString(), CorrelationId = Guid.NewGuid().ToString(), RetryAfter = TimeSpan.FromSeconds(7) };
            }
            catch (PartnerCenterException inner)
            {
                throw new InvalidOperationException("The order job failed.", inner);
            }
        }
        catch (InvalidOperationException outer)
        {
            return outer;
        }
    }

    private LogEvent NewEvent() => new(DateTimeOffset.UtcNow, LogEventLevel.Error, _partnerCenterError, Template, [OrderId]);
}

/// <summary>
/// The enricher on an event without an exception, written inside an activity that is not a Partner Center span (an
/// ASP.NET Core request, say): the realistic case in a web app, where the span part walks up the activity's ancestors.
/// </summary>
[MemoryDiagnoser]
public class EnricherInRequestActivityBenchmarks
{
    private readonly ILogEventEnricher _ours = new PartnerCenterErrorEnricher(includeCurrentSpan: true);
    private ILogEventPropertyFactory _factory = null!;
    private LogEvent _withoutException = null!;
    private Activity _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _factory = PropertyFactoryCapture.Capture();
        _withoutException = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Hello"), []);

        // Activity.Current is an AsyncLocal: set here, synchronously, it stays current for the benchmark on this thread.
        _request = new Activity("Microsoft.AspNetCore.Hosting.HttpRequestIn").Start();
        new Activity("middleware").Start();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Activity.Current?.Stop();
        _request.Stop();
    }

    [Benchmark(Description = "ours: no exception, inside a request activity")]
    public void Ours_NoException_InsideRequestActivity() => _ours.Enrich(_withoutException, _factory);
}

/// <summary>The property factory Serilog hands enrichers, taken from a real logger (Serilog.Exceptions destructures through it).</summary>
internal static class PropertyFactoryCapture
{
    public static ILogEventPropertyFactory Capture()
    {
        var capture = new Capturing();
        using (var logger = new LoggerConfiguration().Enrich.With(capture).CreateLogger())
        {
            logger.Information("capture");
        }

        return capture.Factory ?? throw new InvalidOperationException("No event reached the enricher.");
    }

    private sealed class Capturing : ILogEventEnricher
    {
        public ILogEventPropertyFactory? Factory { get; private set; }

        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => Factory ??= propertyFactory;
    }
}
