using System.Text.Json;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 10: secret shapes in uncataloged descriptions reach neither the failure log nor the exception message.</summary>
[Collection(NonParallelTests.Name)]
public sealed class DescriptionProbeTests
{
    public static TheoryData<string, string> Descriptions => new()
    {
        { "Secret Xp8Q~3vZ9yW7uT5sR3qP1oN_mL-kJ2iH4gF6eD0c is expired", "3vZ9yW7uT5sR3qP1oN" },
        { "Bad client_secret=Xp8Q~3vZ9yW7uT5sR3qP1oN_mL-kJ2iH4gF6eD0c given", "3vZ9yW7uT5sR3qP1oN" },
        { "Token:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl rejected", "eyJzdWIiOiJqYW5lIn0" },
        { "Header Bearer%20eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln rejected", "eyJzdWIiOiJqYW5lIn0" },
        { "Conn AccountName=acct;AccountKey=bXlLZXk9PQ==;EndpointSuffix=core.windows.net failed", "bXlLZXk9PQ" },
        { "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=c2VjcmV0S2V5 failed", "c2VjcmV0S2V5" },
        { "Link sv=2020&sig=abcDEF123%2Bxyz expired", "abcDEF123" },
        { "Contact jane.doe%40contoso.com now", "jane.doe" },
        { "Contact jane.doe\uFF20contoso.com now", "jane.doe" },
        { "Contact jane.doe&#64;contoso.com now", "jane.doe" },
        { "Contact jane.doe@contoso\u3002com now", "jane.doe" },
        { "Contact jane.doe\u202E@contoso.com now", "jane.doe" },
        { "Customer id:5c7b6c438d7e4e4b9a596a0f9c0f2b11 unknown", "5c7b6c438d7e" },
        { "Customer 5c7b6c43%2D8d7e%2D4e4b%2D9a59%2D6a0f9c0f2b11 unknown", "5c7b6c43" },
        { "Customer 5c7b6c43-8d7e-4e4b\u200B-9a59-6a0f9c0f2b11 unknown", "5c7b6c43" },
        { "Call +1 (425) 555-0100 now", "555-0100" }, // not "555" alone: a random request id can hold it
        { "Card 4111 1111 1111 1111 declined", "4111 1111" },
        { "IBAN DE89 3704 0044 0532 0130 00 refused", "3704 0044" },
        { "Tenant contoso.onmicrosoft.com not found", "contoso" },
        { "Sign-in failed password=hunter2 for app", "hunter2" },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public async Task A_secret_in_an_uncataloged_description_reaches_no_log_and_no_message(string description, string secret)
    {
        var body = JsonSerializer.Serialize(new { code = 123456, description });
        await using var rig = await ProbeRig.StartJsonAsync(400, body);
        var result = await rig.SendAsync("v1/customers/1/orders");

        Assert.Equal(result.Plain.Body, result.Instrumented.Body);
        Assert.NotEmpty(result.FailureLogText());
        Assert.DoesNotContain(secret, result.AllSignalText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, result.Plain.EnsureException!.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"code":123456,"description":"Please contact jane.doe@conto"}""")]
    [InlineData("""{"code":123456,"description":"Please contact jane.doe@conto""")]
    public async Task An_email_cut_short_is_masked(string body)
    {
        // What a body cut at the byte limit leaves of an email: no dot after the '@'.
        await using var rig = await ProbeRig.StartJsonAsync(400, body);
        var result = await rig.SendAsync("v1/customers/1/orders");

        Assert.Equal(result.Plain.Body, result.Instrumented.Body);
        Assert.NotEmpty(result.FailureLogText());
        Assert.DoesNotContain("jane", result.AllSignalText(), StringComparison.Ordinal);
    }
}
