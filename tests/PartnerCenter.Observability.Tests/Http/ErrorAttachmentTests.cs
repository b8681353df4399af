using System.Net;
using System.Text;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Tests.Http;

/// <summary>The error attached to a request: an ordinary option value, one shared box for a repeated error.</summary>
public sealed class ErrorAttachmentTests
{
    private const string Eligibility = """{"code":800020,"description":"The catalog item isn't eligible for purchase."}""";

    [Fact]
    public void The_same_error_on_two_requests_shares_one_box_and_reads_back_equal()
    {
        var first = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        var second = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        using var a = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");
        using var b = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/2/orders");

        ErrorAttachment.Attach(a, in first);
        ErrorAttachment.Attach(b, in second);

        var boxes = (IDictionary<string, object?>)a.Options;
        Assert.Same(boxes[PartnerCenterRequestOptions.Error.Key], ((IDictionary<string, object?>)b.Options)[PartnerCenterRequestOptions.Error.Key]);
        Assert.True(b.Options.TryGetValue(PartnerCenterRequestOptions.Error, out var read));
        Assert.Equal("800020", read.Code);
        Assert.Equal(403, read.StatusCode);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, read.Category);
    }

    [Fact]
    public void A_different_error_gets_its_own_value()
    {
        var eligibility = PartnerCenterErrorClassifier.Default.Classify(403, Encoding.UTF8.GetBytes(Eligibility), "application/json");
        var throttled = PartnerCenterErrorClassifier.ClassifyStatus(429);
        using var a = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");
        using var b = new HttpRequestMessage(HttpMethod.Post, "https://api.partnercenter.microsoft.com/v1/customers/1/orders");

        ErrorAttachment.Attach(a, in eligibility);
        ErrorAttachment.Attach(b, in throttled);

        Assert.True(a.Options.TryGetValue(PartnerCenterRequestOptions.Error, out var first));
        Assert.True(b.Options.TryGetValue(PartnerCenterRequestOptions.Error, out var second));
        Assert.Equal("800020", first.Code);
        Assert.Equal(429, second.StatusCode);
        Assert.Null(second.Code);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100_000)]
    public async Task An_in_memory_body_is_classified_from_its_first_bytes_and_left_whole(int padding)
    {
        var body = Eligibility[..^1] + ",\"pad\":\"" + new string('x', padding) + "\"}";
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var classification = await ErrorBodyCapture.ReadAndClassifyAsync(response, PartnerCenterErrorClassifier.Default, TimeSpan.FromSeconds(30), TimeProvider.System, CancellationToken.None);

        Assert.Equal(403, classification.StatusCode);
        if (padding < PartnerCenterErrorClassifier.Default.Options.MaxBodyBytes)
        {
            Assert.Equal("800020", classification.Code);
        }

        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }
}
