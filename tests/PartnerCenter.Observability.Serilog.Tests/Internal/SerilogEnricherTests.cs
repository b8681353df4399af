using System.Diagnostics;
using System.Net;
using Microsoft.Store.PartnerCenter.Exceptions;
using PartnerCenter.Observability.Enrichers.Tests.Infrastructure;
using Serilog;
using Serilog.Events;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;

namespace PartnerCenter.Observability.Serilog.Tests.Internal;

public sealed class SerilogEnricherTests
{
    private static readonly string[] ErrorProperties =
    [
        Tags.ErrorCode, Tags.ErrorCategory, Tags.Retryable, Tags.ErrorDescription, Tags.RequestId, Tags.CorrelationId,
        Tags.RetryAfter, Tags.HttpResponseStatusCode, Tags.ErrorType, Tags.Operation,
    ];

    [Fact]
    public void A_partner_center_exception_adds_every_property_with_the_span_tag_names()
    {
        var properties = Enrich(Samples.Eligibility());

        Assert.Equal("800020", Scalar(properties, "partner_center.error.code"));
        Assert.Equal("eligibility", Scalar(properties, "partner_center.error.category"));
        Assert.Equal(false, Scalar(properties, "partner_center.retryable"));
        Assert.Equal(Samples.Template, Scalar(properties, "partner_center.error.description"));
        Assert.Equal(Samples.RequestId, Scalar(properties, "partner_center.request_id"));
        Assert.Equal(Samples.CorrelationId, Scalar(properties, "partner_center.correlation_id"));
        Assert.Equal(7.0, Scalar(properties, "partner_center.retry_after"));
        Assert.Equal(403, Scalar(properties, "http.response.status_code"));
        Assert.Equal("800020", Scalar(properties, "error.type"));
        Assert.Equal(Samples.Operation, Scalar(properties, "partner_center.operation"));
        Assert.Equal(ErrorProperties.Order(StringComparer.Ordinal), properties.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_partner_center_exception_deep_in_the_chain_is_found()
    {
        var properties = Enrich(new InvalidOperationException("order job failed", new TaskCanceledException("outer", Samples.Eligibility())));

        Assert.Equal("800020", Scalar(properties, Tags.ErrorCode));
        Assert.Equal("eligibility", Scalar(properties, Tags.ErrorCategory));
    }

    [Fact]
    public void An_aggregate_exception_is_searched_through_all_its_inner_exceptions()
    {
        var aggregate = new AggregateException(new ArgumentException("first"), new InvalidOperationException("second", Samples.Eligibility()));

        var properties = Enrich(aggregate);

        Assert.Equal("800020", Scalar(properties, Tags.ErrorCode));
    }

    [Fact]
    public void A_richer_error_deeper_in_the_chain_wins_over_a_bare_http_status()
    {
        var outer = new HttpRequestException("wrapped", Samples.Eligibility(), HttpStatusCode.BadGateway);

        var properties = Enrich(outer);

        Assert.Equal(403, Scalar(properties, Tags.HttpResponseStatusCode));
        Assert.Equal("800020", Scalar(properties, Tags.ErrorCode));
    }

    [Fact]
    public void An_http_request_exception_with_a_status_adds_the_status_derived_properties_only()
    {
        var properties = Enrich(new HttpRequestException("Response status code does not indicate success: 503.", null, HttpStatusCode.ServiceUnavailable));

        Assert.Equal("transient", Scalar(properties, Tags.ErrorCategory));
        Assert.Equal(true, Scalar(properties, Tags.Retryable));
        Assert.Equal(503, Scalar(properties, Tags.HttpResponseStatusCode));
        Assert.Equal("503", Scalar(properties, Tags.ErrorType));
        Assert.Equal([Tags.ErrorType, Tags.HttpResponseStatusCode, Tags.ErrorCategory, Tags.Retryable], properties.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_http_request_exception_without_a_status_adds_nothing()
    {
        Assert.Empty(Enrich(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));
    }

    [Fact]
    public void The_archived_sdks_exception_is_recognised_by_its_shape()
    {
        var requestId = Guid.NewGuid();
        var correlationId = Guid.NewGuid();
        var sdk = new PartnerException(
            new ApiFault { ErrorCode = "800020", ErrorMessage = "The catalog item isn't eligible for purchase." },
            new RequestContext(requestId, correlationId),
            PartnerErrorCategory.Forbidden);

        var properties = Enrich(new InvalidOperationException("wrapped", sdk));

        Assert.Equal("800020", Scalar(properties, Tags.ErrorCode));
        Assert.Equal("eligibility", Scalar(properties, Tags.ErrorCategory));
        Assert.Equal(false, Scalar(properties, Tags.Retryable));
        Assert.Equal(Samples.Template, Scalar(properties, Tags.ErrorDescription));
        Assert.Equal(403, Scalar(properties, Tags.HttpResponseStatusCode));
        Assert.Equal("800020", Scalar(properties, Tags.ErrorType));
        Assert.Equal(requestId.ToString(), Scalar(properties, Tags.RequestId));
        Assert.Equal(correlationId.ToString(), Scalar(properties, Tags.CorrelationId));
    }

    [Theory]
    [InlineData(PartnerErrorCategory.TooManyRequests, 429, "quota", true)]
    [InlineData(PartnerErrorCategory.ServerBusy, 503, "transient", true)]
    [InlineData(PartnerErrorCategory.Unauthorized, 401, "auth", false)]
    [InlineData(PartnerErrorCategory.NotFound, 404, "not_found", false)]
    [InlineData(PartnerErrorCategory.AlreadyExists, 409, "conflict", false)]
    [InlineData(PartnerErrorCategory.BadInput, 400, "validation", false)]
    [InlineData(PartnerErrorCategory.GatewayTimeout, 504, "transient", true)]
    public void The_sdks_category_gives_the_status_when_the_payload_is_missing(PartnerErrorCategory category, int status, string expected, bool retryable)
    {
        var properties = Enrich(new PartnerException(null, null, category));

        Assert.Equal(status, Scalar(properties, Tags.HttpResponseStatusCode));
        Assert.Equal(expected, Scalar(properties, Tags.ErrorCategory));
        Assert.Equal(retryable, Scalar(properties, Tags.Retryable));
        Assert.False(properties.ContainsKey(Tags.ErrorCode));
        Assert.False(properties.ContainsKey(Tags.RequestId));
    }

    [Fact]
    public void The_sdks_response_status_wins_over_its_category()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var sdk = new Enrichers.Tests.Fakes.WithResponse.PartnerException(new ApiFault { ErrorCode = "429", ErrorMessage = "Too many requests" }, response, PartnerErrorCategory.ServerError);

        var properties = Enrich(sdk);

        Assert.Equal(429, Scalar(properties, Tags.HttpResponseStatusCode));
        Assert.Equal("quota", Scalar(properties, Tags.ErrorCategory));
        Assert.Equal(true, Scalar(properties, Tags.Retryable));
    }

    [Fact]
    public void An_sdk_error_without_status_keeps_its_code_and_an_unknown_category()
    {
        var properties = Enrich(new PartnerException(new ApiFault { ErrorCode = "Some Code!" }, null, PartnerErrorCategory.ResponseParsing));

        Assert.Equal("unknown", Scalar(properties, Tags.ErrorCategory));
        Assert.Equal("{redacted}", Scalar(properties, Tags.ErrorCode)); // not tag-safe: its shape on logs, never the value
        Assert.False(properties.ContainsKey(Tags.HttpResponseStatusCode));
    }

    [Fact]
    public void A_type_named_partner_exception_without_the_sdks_shape_is_ignored()
    {
        Assert.Empty(Enrich(new Enrichers.Tests.Fakes.Incomplete.PartnerException(HttpStatusCode.Forbidden)));
    }

    [Fact]
    public void Throwing_property_getters_neither_throw_nor_lose_the_event()
    {
        var properties = Enrich(new Enrichers.Tests.Fakes.Throwing.PartnerException());

        // The payload and context could not be read: the category's status is still there.
        Assert.Equal(403, Scalar(properties, Tags.HttpResponseStatusCode));
        Assert.Equal("auth", Scalar(properties, Tags.ErrorCategory));
        Assert.False(properties.ContainsKey(Tags.ErrorCode));
    }

    [Fact]
    public void Null_payload_fields_are_left_out()
    {
        var properties = Enrich(new PartnerException(new ApiFault { ErrorCode = null, ErrorMessage = null, ErrorData = null }, new RequestContext(Guid.Empty, Guid.Empty), PartnerErrorCategory.Forbidden));

        Assert.Equal("auth", Scalar(properties, Tags.ErrorCategory));
        Assert.False(properties.ContainsKey(Tags.ErrorCode));
        Assert.False(properties.ContainsKey(Tags.ErrorDescription));
        Assert.False(properties.ContainsKey(Tags.RequestId));
    }

    [Fact]
    public void A_tangle_of_shared_inner_exceptions_ends_the_walk()
    {
        Assert.Empty(Enrich(Samples.Tangle()));
        Assert.Equal("800020", Scalar(Enrich(Samples.Tangle(Samples.Eligibility())), Tags.ErrorCode));
    }

    [Fact]
    public void A_very_deep_chain_is_cut_off_without_throwing()
    {
        Assert.Empty(Enrich(Samples.Wrapped(Samples.Eligibility(), depth: 10_000)));
        Assert.Equal("800020", Scalar(Enrich(Samples.Wrapped(Samples.Eligibility(), depth: 5)), Tags.ErrorCode));
    }

    [Fact]
    public void An_exception_with_null_message_data_and_stack_is_fine()
    {
        Assert.Empty(Enrich(new NullyException()));
    }

    [Fact]
    public void Properties_the_app_set_are_never_overwritten()
    {
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(sink).CreateLogger())
        {
            logger.ForContext(Tags.ErrorCategory, "app-category").ForContext(Tags.RequestId, "app-request").Error(Samples.Eligibility(), "Order failed");
        }

        var properties = sink.Single.Properties;
        Assert.Equal("app-category", Scalar(properties, Tags.ErrorCategory));
        Assert.Equal("app-request", Scalar(properties, Tags.RequestId));
        Assert.Equal("800020", Scalar(properties, Tags.ErrorCode));
    }

    [Fact]
    public void An_event_without_an_exception_outside_a_span_gets_nothing()
    {
        Assert.Null(Activity.Current);
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Information("Nothing went wrong {Count}", 3);
        }

        Assert.Equal(["Count"], sink.Single.Properties.Keys);
    }

    [Fact]
    public void An_event_without_an_exception_allocates_nothing_outside_a_span_and_inside_another_activity()
    {
        var enricher = new PartnerCenterErrorEnricher(includeCurrentSpan: true);
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, MessageTemplate.Empty, []);
        Assert.Null(Activity.Current);
        Assert.Equal(0, AllocatedBy(() => enricher.Enrich(logEvent, null!)));

        using var request = new Activity("Microsoft.AspNetCore.Hosting.HttpRequestIn").Start();
        using var middleware = new Activity("middleware").Start();
        Assert.Equal(0, AllocatedBy(() => enricher.Enrich(logEvent, null!)));
        Assert.Empty(logEvent.Properties);
    }

    [Fact]
    public void An_event_written_inside_a_partner_center_span_gets_its_operation_and_request_id()
    {
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(sink).CreateLogger();
        using (Samples.StartPartnerCenterSpan())
        {
            logger.Information("Inside the span");
            using var child = new ActivitySource("Test.Child").StartActivity("child");
            Assert.NotNull(child);
            logger.Information("Inside a child of the span");
        }

        logger.Information("After the span");

        Assert.All(sink.Events.Take(2), e =>
        {
            Assert.Equal(Samples.Operation, Scalar(e.Properties, Tags.Operation));
            Assert.Equal(Samples.RequestId, Scalar(e.Properties, Tags.RequestId));
        });
        Assert.Empty(sink.Events[2].Properties);
    }

    [Fact]
    public void The_span_part_can_be_switched_off()
    {
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors(includeCurrentSpan: false).WriteTo.Sink(sink).CreateLogger();
        using (Samples.StartPartnerCenterSpan())
        {
            logger.Information("Inside the span");
        }

        Assert.Empty(sink.Single.Properties);
    }

    [Fact]
    public void The_exceptions_request_id_wins_over_the_spans()
    {
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(sink).CreateLogger();
        using (Samples.StartPartnerCenterSpan(requestId: "span-request"))
        {
            logger.Error(Samples.Eligibility(), "Failed inside the span");
        }

        Assert.Equal(Samples.RequestId, Scalar(sink.Single.Properties, Tags.RequestId));
    }

    [Fact]
    public void Constant_values_share_one_property_instance()
    {
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Error(Samples.Eligibility(), "one");
            logger.Error(Samples.Eligibility(), "two");
        }

        var (first, second) = (sink.Events[0].Properties, sink.Events[1].Properties);
        Assert.Same(first[Tags.ErrorCategory], second[Tags.ErrorCategory]);
        Assert.Same(first[Tags.Retryable], second[Tags.Retryable]);
        Assert.Same(first[Tags.HttpResponseStatusCode], second[Tags.HttpResponseStatusCode]);
        Assert.Same(first[Tags.ErrorCode], second[Tags.ErrorCode]);
    }

    private static long AllocatedBy(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    internal static IReadOnlyDictionary<string, LogEventPropertyValue> Enrich(Exception exception)
    {
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().Enrich.WithPartnerCenterErrors().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Error(exception, "Partner Center job failed");
        }

        return sink.Single.Properties;
    }

    internal static object? Scalar(IReadOnlyDictionary<string, LogEventPropertyValue> properties, string name) =>
        Assert.IsType<ScalarValue>(properties[name]).Value;

    private sealed class NullyException : Exception
    {
        public override string Message => null!;

        public override System.Collections.IDictionary Data => null!;

        public override string? StackTrace => null;

        public override string? Source
        {
            get => throw new InvalidOperationException("no source");
            set => throw new InvalidOperationException("no source");
        }
    }
}
