using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 11: no code or description puts an email, a forged line or a control character into a message or log text.</summary>
[Collection(NonParallelTests.Name)]
public sealed class MessageProbeTests
{
    public static TheoryData<string, string> Bodies => new()
    {
        { """{"code":"jane.doe@contoso.com","description":"Bad request"}""", "jane.doe@contoso.com" },
        { """{"code":"990002\r\n2025-01-01 00:00:00 [FTL] forged","description":"Bad request"}""", "[FTL] forged" },
        { """{"code":123456,"description":"Bad\r\n2025-01-01 00:00:00 [FTL] forged line"}""", "\n2025-01-01" },
        { """{"code":123456,"description":"Colour \u001b[31mred\u001b[0m and \u0000nul"}""", "\u001b" },
        { """{"code":123456,"description":"Nul \u0000 inside"}""", "\u0000" },
        { """{"code":"99\u001b[2J","description":"x"}""", "\u001b" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Messages_and_log_text_carry_no_raw_code_and_no_control_character(string body, string forbidden)
    {
        await using var rig = await ProbeRig.StartJsonAsync(400, body);
        var result = await rig.SendAsync("v1/customers/1/orders");

        Assert.Equal(result.Plain.Body, result.Instrumented.Body);
        foreach (var exception in new[] { result.Plain.EnsureException, result.Instrumented.EnsureException })
        {
            var message = Assert.IsType<PartnerCenterException>(exception).Message;
            Assert.DoesNotContain(forbidden, message, StringComparison.Ordinal);
            Assert.DoesNotContain(message, c => char.IsControl(c));
        }

        var log = result.FailureLogText();
        Assert.NotEmpty(log);
        Assert.DoesNotContain(forbidden, log, StringComparison.Ordinal);
        Assert.DoesNotContain(log, c => char.IsControl(c) && c != '\n');
        foreach (var record in result.Logs)
        {
            Assert.DoesNotContain(record.Message, c => char.IsControl(c));
        }
    }
}
