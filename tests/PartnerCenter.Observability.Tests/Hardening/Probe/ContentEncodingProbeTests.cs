using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 6: a mislabelled Content-Encoding gives the app the same exception at the same call, and the attempt is recorded.</summary>
[Collection(NonParallelTests.Name)]
public sealed class ContentEncodingProbeTests
{
    [Theory]
    [InlineData("gzip", false)]
    [InlineData("br", false)]
    [InlineData("deflate", false)]
    [InlineData("gzip", true)]
    public async Task A_plain_body_labelled_compressed_fails_the_same_way_and_is_recorded(string encoding, bool ensure)
    {
        await using var rig = await ProbeRig.StartAsync(async context =>
        {
            context.Response.StatusCode = 502;
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = encoding;
            await context.Response.WriteAsync("""{"code":"Bad gateway","description":"upstream failed"}""");
        });
        var result = await rig.SendAsync("v1/customers/1/orders", ensure: ensure);

        // The app: the same status, the same exception type at the same call (the body read).
        Assert.Equal(502, result.Plain.Status);
        Assert.Equal(result.Plain.Status, result.Instrumented.Status);
        Assert.Null(result.Instrumented.SendException);
        var expected = Assert.IsAssignableFrom<Exception>(result.Plain.ReadException);
        var actual = Assert.IsAssignableFrom<Exception>(result.Instrumented.ReadException);
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        if (ensure)
        {
            Assert.Equal(502, (int)Assert.IsType<PartnerCenterException>(result.Instrumented.EnsureException).StatusCode!);
        }

        // Telemetry: one duration, one error count, one failure log, a span with an error status.
        Assert.Single(result.DurationTags);
        Assert.Equal(502, Assert.Single(result.ErrorTags)[Tags.HttpResponseStatusCode]);
        Assert.NotEmpty(result.FailureLogText());
        Assert.Equal(ActivityStatusCode.Error, result.Span.Status);
    }
}
