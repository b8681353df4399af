using Tags = PartnerCenter.Observability.PartnerCenterTelemetryNames.Tags;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Hardening.Tests.Probe;

/// <summary>Class 3: paths no route template knows keep no word that is not a Partner Center path word.</summary>
[Collection(NonParallelTests.Name)]
public sealed class RouteProbeTests
{
    [Theory]
    [InlineData("v2/partners/JohnSmith/notes", "JohnSmith")]
    [InlineData("v2/apikeys/hunter2/rotate", "hunter2")]
    [InlineData("v2/keys/QwErTyUiOpAsDfGhJk/rotate", "QwErTyUiOpAsDfGhJk")]
    [InlineData("v1/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/JaneDoeSecretWord", "JaneDoeSecretWord")]
    [InlineData("v1/customers/jane.doe@contoso.com/orders/x/y", "jane.doe")]
    public async Task An_unknown_route_keeps_no_secret_word_in_the_operation(string path, string word)
    {
        await using var rig = await ProbeRig.StartJsonAsync(404, """{"code":20003,"description":"Subscription with ID 1 not found."}""");
        var result = await rig.SendAsync(path);

        Assert.Equal(result.Plain.Body, result.Instrumented.Body);
        var operation = Assert.IsType<string>(result.Duration[Tags.Operation]);
        Assert.DoesNotContain(word, operation, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(operation, result.Span.GetTagItem(Tags.Operation));
        Assert.True(operation.Count(c => c == '/') <= 9, operation);
        Assert.DoesNotContain(word, result.AllSignalText(), StringComparison.OrdinalIgnoreCase);
    }
}
