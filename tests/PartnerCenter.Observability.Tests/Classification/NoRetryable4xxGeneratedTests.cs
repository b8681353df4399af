using System.Text.Json;

namespace PartnerCenter.Observability.Tests.Classification;

/// <summary>
/// No 4xx other than 408 and 429 becomes retryable, whatever the fallback says: a seeded generator of bodies made of
/// catalogue wording (transient rows' "try again later" included), OAuth error bodies, descriptions that are JSON, error
/// names and exception names, at every 4xx status. Only the server's own <c>isRetryable: true</c> may make one
/// retryable (docs/error-categories.md).
/// </summary>
public sealed class NoRetryable4xxGeneratedTests
{
    private const int Cases = 3000;

    private static readonly string[] Words = [.. PartnerCenterErrorCatalog.Definitions
        .SelectMany(r => r.OtherWordings.Prepend(r.Template))
        .SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Concat(["try", "again", "later", "retry", "temporarily", "unavailable", "transient", "timeout", "busy", "AADSTS90033", "server_error", "temporarily_unavailable"])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)];

    // The wording of transient rows documented at 5xx. The two transient rows documented at a 4xx (900261 at 400, 900130
    // at 403) are the catalogue's decision, not the fallback's: their exact wording is retryable at their status by design.
    private static readonly string[] Transient = [.. PartnerCenterErrorCatalog.Definitions
        .Where(r => r.Category == PartnerCenterErrorCategory.Transient && r.StatusCode >= 500)
        .SelectMany(r => r.OtherWordings.Prepend(r.Template))
        .Order(StringComparer.Ordinal)];

    [Fact]
    public void No_generated_4xx_is_retryable_unless_408_429_or_the_server_says_so()
    {
        var random = new Random(28);
        for (var i = 0; i < Cases; i++)
        {
            var status = 400 + random.Next(100);
            var (body, serverSaysRetry) = Generate(random);
            var result = PartnerCenterErrorClassifier.Default.Classify(status, body, "application/json");

            var allowed = status is 408 or 429 || (serverSaysRetry && status != 409);
            Assert.True(allowed || !result.IsRetryable, $"case {i}: {status} {System.Text.Encoding.UTF8.GetString(body)} -> {result}");
            Assert.True(status == 408 || result.Category != PartnerCenterErrorCategory.Transient, $"case {i}: {status} is transient: {result}");
        }
    }

    private static (byte[] Body, bool ServerSaysRetry) Generate(Random random)
    {
        var text = random.Next(3) == 0
            ? Transient[random.Next(Transient.Length)]
            : string.Join(' ', Enumerable.Range(0, 1 + random.Next(14)).Select(_ => Words[random.Next(Words.Length)]));
        var serverSaysRetry = random.Next(10) == 0;
        var fields = new Dictionary<string, object?>();
        switch (random.Next(6))
        {
            case 0:
                fields["error"] = random.Next(2) == 0 ? "temporarily_unavailable" : "server_error";
                fields["error_description"] = text;
                break;
            case 1:
                fields["code"] = 987000 + random.Next(900);
                fields["description"] = JsonSerializer.Serialize(new { code = "Busy", message = text });
                break;
            case 2:
                fields["code"] = 987000 + random.Next(900);
                fields["description"] = text;
                fields["errorName"] = "ServiceBusyTryAgainLater";
                fields["data"] = new[] { "TransientFailureException : " + text };
                break;
            case 3:
                fields["statusCode"] = 503;
                fields["message"] = text;
                break;
            default:
                fields["code"] = 987000 + random.Next(900);
                fields["description"] = text;
                break;
        }

        if (serverSaysRetry)
        {
            fields["isRetryable"] = true;
        }

        return (JsonSerializer.SerializeToUtf8Bytes(fields), serverSaysRetry);
    }
}
