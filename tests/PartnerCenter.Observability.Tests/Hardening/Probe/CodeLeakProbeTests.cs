using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 1: ids and tokens sent as <c>code</c> never become tag values, on metrics, spans, logs or the exception.</summary>
[Collection(NonParallelTests.Name)]
public sealed class CodeLeakProbeTests
{
    public static TheoryData<string, string> Codes => new()
    {
        { "guid", "4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55" },
        { "guid, N format", "4a7f2c1e9d3b4b8aa1e20f9d8c7b6a55" },
        { "jwt cut to 64", "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5w" },
        { "github token", "ghp_16C7e42F292c6912E7710c838347Ae178B4a" },
        { "tenant domain", "contoso.onmicrosoft.com" },
        { "23-digit number", "12345678901234567890123" },
        { "email", "jane.doe@contoso.com" },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task A_code_that_is_an_id_or_a_token_goes_out_as_other_on_metrics_and_redacted_elsewhere(string shape, string code)
    {
        foreach (var body in new[] { $$"""{"code":"{{code}}","description":"Bad request"}""", $$$"""{"error":{"code":"{{{code}}}","message":"Bad request"}}""" })
        {
            await using var rig = await ProbeRig.StartJsonAsync(400, body);
            var result = await rig.SendAsync("v1/customers/1/orders");

            Assert.Equal(result.Plain.Body, result.Instrumented.Body);
            Assert.Equal(400, result.Instrumented.Status);
            var errors = Assert.Single(result.ErrorTags);
            Assert.Equal("other", errors[Tags.ErrorCode]);
            Assert.Equal("other", errors[Tags.ErrorType]);
            Assert.False(result.Duration.ContainsKey(Tags.ErrorCode), "the code is on the error counter only");
            var spanCode = Assert.IsType<string>(result.Span.GetTagItem(Tags.ErrorCode));
            Assert.StartsWith("{", spanCode, StringComparison.Ordinal);
            Assert.Equal(spanCode, result.Span.GetTagItem(Tags.ErrorType));
            Assert.DoesNotContain(code, result.AllSignalText(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains(spanCode, result.FailureLogText(), StringComparison.Ordinal);
            Assert.DoesNotContain(code, result.Plain.EnsureException!.Message, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrEmpty(shape));
        }
    }

    [Fact]
    public async Task Twenty_guid_codes_take_no_slot_from_real_codes()
    {
        var next = 0;
        await using var rig = await ProbeRig.StartAsync(
            async context =>
            {
                var n = Interlocked.Increment(ref next);
                var code = n <= 40 ? Guid.NewGuid().ToString("D") : "7000" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json";
                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, $$"""{"code":"{{code}}"}""");
            },
            o => o.MaxUncatalogedCodesPerOperation = 3);

        for (var i = 0; i < 20; i++)
        {
            var guid = await rig.SendAsync("v1/invoices");
            Assert.Equal("other", Assert.Single(guid.ErrorTags)[Tags.ErrorCode]);
        }

        // Each send goes through both clients: codes 41 and 43 reach the instrumented one.
        var real = await rig.SendAsync("v1/invoices");
        Assert.Equal("700042", Assert.Single(real.ErrorTags)[Tags.ErrorCode]);
    }

    [Fact]
    public async Task Spans_and_logs_keep_real_codes_after_the_metric_cap_collapses_them()
    {
        var next = 0;
        await using var rig = await ProbeRig.StartAsync(
            async context =>
            {
                var code = 700000 + Interlocked.Increment(ref next);
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json";
                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, $$"""{"code":{{code}}}""");
            },
            o => o.MaxUncatalogedCodesPerOperation = 2);

        var metricCodes = new List<object?>();
        var spanCodes = new List<object?>();
        for (var i = 0; i < 4; i++)
        {
            var result = await rig.SendAsync("v1/invoices");
            metricCodes.Add(Assert.Single(result.ErrorTags)[Tags.ErrorCode]);
            spanCodes.Add(result.Span.GetTagItem(Tags.ErrorCode));
            Assert.Contains((string)spanCodes[^1]!, result.FailureLogText(), StringComparison.Ordinal);
        }

        // Every second code went to the bare client.
        Assert.Equal(["700002", "700004", "other", "other"], metricCodes);
        Assert.Equal(["700002", "700004", "700006", "700008"], spanCodes);
    }
}
