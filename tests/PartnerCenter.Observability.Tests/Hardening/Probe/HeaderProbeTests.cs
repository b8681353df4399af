using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 2: MS-RequestId, MS-CorrelationId and MS-CV reach telemetry only in their own shapes.</summary>
[Collection(NonParallelTests.Name)]
public sealed class HeaderProbeTests
{
    private const string Body = """{"code":800020,"description":"The catalog item isn't eligible for purchase."}""";

    public static TheoryData<string, string> Values => new()
    {
        { "MS-RequestId", "jane.doe@contoso.com" },
        { "MS-CorrelationId", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl" },
        { "MS-CV", "jane.doe@contoso.com" },
        { "MS-CV", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl" },
        { "MS-RequestId", "4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55 and more" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_response_header_of_another_shape_reaches_no_signal(string header, string value)
    {
        await using var rig = await ProbeRig.StartJsonAsync(403, Body, response => response.Headers[header] = value);
        var result = await rig.SendAsync("v1/customers/1/orders");

        Assert.Equal(result.Plain.Body, result.Instrumented.Body);
        Assert.DoesNotContain(value, result.AllSignalText(), StringComparison.Ordinal);
        Assert.Null(((PartnerCenterException)result.Plain.EnsureException!).RequestId is { } id && id == value ? id : null);
    }

    [Theory]
    [InlineData("jane.doe@contoso.com")]
    [InlineData("\u001b[31mred")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl")]
    public async Task A_request_id_the_app_set_in_another_shape_reaches_no_signal(string value)
    {
        await using var rig = await ProbeRig.StartJsonAsync(403, Body);
        var result = await rig.SendAsync("v1/customers/1/orders", request =>
        {
            request.Headers.TryAddWithoutValidation("MS-RequestId", value);
            request.Headers.TryAddWithoutValidation("MS-CorrelationId", value);
        });

        Assert.Equal(result.Plain.Status, result.Instrumented.Status);
        Assert.DoesNotContain(value, result.AllSignalText(), StringComparison.Ordinal);
        Assert.Null(((PartnerCenterException)result.Instrumented.EnsureException!).RequestId);
    }

    [Fact]
    public async Task Well_formed_ids_and_vectors_still_reach_every_signal()
    {
        const string requestId = "4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55";
        const string vector = "tfRXi9ejPE+uI3rg7TNbUQ.1.2";
        await using var rig = await ProbeRig.StartJsonAsync(403, Body, response =>
        {
            response.Headers["MS-RequestId"] = requestId;
            response.Headers["MS-CV"] = vector;
        });
        var result = await rig.SendAsync("v1/customers/1/orders");

        Assert.Equal(requestId, result.Span.GetTagItem(Tags.RequestId));
        Assert.Equal(vector, result.Span.GetTagItem(Tags.CorrelationVector));
        Assert.Contains(requestId, result.FailureLogText(), StringComparison.Ordinal);
        Assert.Equal(requestId, ((PartnerCenterException)result.Instrumented.EnsureException!).RequestId);
    }
}
