using Microsoft.Extensions.Time.Testing;
using PartnerCenter.Observability.Http;

namespace PartnerCenter.Observability.Tests.Telemetry;

/// <summary>
/// Only header values with the shape of their header reach spans and logs: a GUID for the request and correlation
/// ids, a correlation vector for MS-CV. Everything else (an email, a token, control characters) is dropped.
/// </summary>
public sealed class HeaderShapeTests
{
    private const string Guid = "4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55";

    [Theory]
    [InlineData("4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55")]
    [InlineData("4A7F2C1E-9D3B-4B8A-A1E2-0F9D8C7B6A55")]
    public void Canonical_guids_are_ids(string value)
    {
        Assert.True(PartnerCenterHeaders.IsGuid(value));
        Assert.Equal(value, PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.RequestId, value));
        Assert.Equal(value, PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.CorrelationId, value));
    }

    [Theory]
    [InlineData("(4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55)")]
    [InlineData("4a7f2c1e9d3b4b8aa1e20f9d8c7b6a55")]
    [InlineData("{4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55}")]
    [InlineData("4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55\u00A0")]
    [InlineData("\u00854a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55")]
    [InlineData("4a7f2c1e\u20119d3b-4b8a-a1e2-0f9d8c7b6a55")]
    [InlineData("4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a5\uFF15")]
    [InlineData(" 4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a55")]
    [InlineData("4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a5")]
    [InlineData("4a7f2c1e-9d3b-4b8a-a1e2-0f9d8c7b6a5z")]
    [InlineData("jane.doe@contoso.com")]
    [InlineData("")]
    public void Other_values_are_not_ids(string escaped)
    {
        var value = System.Text.RegularExpressions.Regex.Unescape(escaped);
        Assert.False(PartnerCenterHeaders.IsGuid(value));
        Assert.Null(PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.RequestId, value));
        Assert.Null(PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.CorrelationId, value));
    }

    [Theory]
    [InlineData("tul4NUsfs0Cl7mOf.1")]
    [InlineData("tul4NUsfs0Cl7mOf.12.0.1234567890")]
    [InlineData("ab+/cdEFghIJklMN.3")]
    [InlineData("AbCdEfGhIjKlMnOpQrStUv.0.1")]
    public void Correlation_vectors_are_kept(string value)
    {
        Assert.True(PartnerCenterHeaders.IsCorrelationVector(value));
        Assert.Equal(value, PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.CorrelationVector, value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tul4NUsfs0Cl7mOf")]
    [InlineData("tul4NUsfs0Cl7mO.1")]
    [InlineData("tul4NUsfs0Cl7mOfA.1")]
    [InlineData("dXNlcjpwYXNzd29yZA==.1")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.1")]
    [InlineData("amFuZS5kb2VAY29udG9zby5jb20=")]
    [InlineData("abc=")]
    [InlineData("a")]
    [InlineData(".1")]
    [InlineData("abc.")]
    [InlineData("abc..1")]
    [InlineData("abc.1.")]
    [InlineData("abc.1a")]
    [InlineData("abc.12345678901")]
    [InlineData("ab=c")]
    [InlineData("ab=c.1")]
    [InlineData("a-b.1")]
    [InlineData("a b")]
    [InlineData("jane.doe@contoso.com")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("abc.1\r\nforged")]
    public void Other_values_are_not_correlation_vectors(string value)
    {
        Assert.False(PartnerCenterHeaders.IsCorrelationVector(value));
        Assert.Null(PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.CorrelationVector, value));
    }

    [Fact]
    public void A_correlation_vector_has_a_base_of_16_or_22_characters_and_at_most_128_in_all()
    {
        var base64 = new string('A', 22);
        Assert.True(PartnerCenterHeaders.IsCorrelationVector(base64 + ".1"));
        Assert.False(PartnerCenterHeaders.IsCorrelationVector(base64 + "A.1"));

        // 22 + 9 × ".1234567890" + ".123456" = 128 characters.
        var longest = base64 + string.Concat(Enumerable.Repeat(".1234567890", 9)) + ".123456";
        Assert.Equal(128, longest.Length);
        Assert.True(PartnerCenterHeaders.IsCorrelationVector(longest));
        Assert.False(PartnerCenterHeaders.IsCorrelationVector(longest + "9"));
    }

    [Fact]
    public void Each_header_has_its_own_shape()
    {
        Assert.Null(PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.CorrelationVector, Guid));
        Assert.Null(PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.RequestId, "tul4NUsfs0Cl7mOf.1"));
        Assert.Null(PartnerCenterHeaders.WellFormed("Authorization", Guid));
        Assert.Null(PartnerCenterHeaders.WellFormed(PartnerCenterHeaders.RequestId, null));
    }

    [Fact]
    public void The_response_value_wins_and_a_malformed_one_falls_back_to_the_request()
    {
        const string other = "0f9d8c7b-6a55-4b8a-a1e2-4a7f2c1e9d3b";
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");
        request.Headers.TryAddWithoutValidation(PartnerCenterHeaders.RequestId, other);
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation(PartnerCenterHeaders.RequestId, [Guid, other]);

        Assert.Equal(Guid, PartnerCenterHeaders.Get(response, request, PartnerCenterHeaders.RequestId));
        Assert.Equal(other, PartnerCenterHeaders.Get(null, request, PartnerCenterHeaders.RequestId));
        Assert.Equal(Guid, PartnerCenterHeaders.Get(response, null, PartnerCenterHeaders.RequestId));
        Assert.Null(PartnerCenterHeaders.Get(null, null, PartnerCenterHeaders.RequestId));
        Assert.Null(PartnerCenterHeaders.Get(response, request, PartnerCenterHeaders.CorrelationId));

        using var malformed = new HttpResponseMessage(System.Net.HttpStatusCode.BadRequest);
        malformed.Headers.TryAddWithoutValidation(PartnerCenterHeaders.RequestId, "jane.doe@contoso.com");
        Assert.Equal(other, PartnerCenterHeaders.Get(malformed, request, PartnerCenterHeaders.RequestId));
        Assert.Null(PartnerCenterHeaders.Get(malformed, null, PartnerCenterHeaders.RequestId));

        using var bad = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");
        bad.Headers.TryAddWithoutValidation(PartnerCenterHeaders.RequestId, "Bearer x");
        Assert.Null(PartnerCenterHeaders.Get(malformed, bad, PartnerCenterHeaders.RequestId));
    }

    [Fact]
    public void Ids_are_added_when_missing_and_kept_when_set()
    {
        using var fresh = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");
        PartnerCenterHeaders.AddIdsIfMissing(fresh);
        var requestId = Assert.Single(fresh.Headers.GetValues(PartnerCenterHeaders.RequestId));
        var correlationId = Assert.Single(fresh.Headers.GetValues(PartnerCenterHeaders.CorrelationId));
        Assert.True(PartnerCenterHeaders.IsGuid(requestId));
        Assert.True(PartnerCenterHeaders.IsGuid(correlationId));
        Assert.NotEqual(requestId, correlationId);

        PartnerCenterHeaders.AddIdsIfMissing(fresh);
        Assert.Equal(requestId, Assert.Single(fresh.Headers.GetValues(PartnerCenterHeaders.RequestId)));
        Assert.Equal(correlationId, Assert.Single(fresh.Headers.GetValues(PartnerCenterHeaders.CorrelationId)));

        using var set = new HttpRequestMessage(HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers");
        set.Headers.TryAddWithoutValidation(PartnerCenterHeaders.CorrelationId, Guid);
        PartnerCenterHeaders.AddIdsIfMissing(set);
        Assert.Equal(Guid, Assert.Single(set.Headers.GetValues(PartnerCenterHeaders.CorrelationId)));
        Assert.True(PartnerCenterHeaders.IsGuid(Assert.Single(set.Headers.GetValues(PartnerCenterHeaders.RequestId))));
    }

    [Fact]
    public void Retry_after_reads_both_forms_and_is_never_negative()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        Assert.Null(PartnerCenterHeaders.RetryAfterSeconds(none, time));

        using var delta = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        delta.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(7, PartnerCenterHeaders.RetryAfterSeconds(delta, time));

        using var date = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(30));
        Assert.Equal(30, PartnerCenterHeaders.RetryAfterSeconds(date, time));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, PartnerCenterHeaders.RetryAfterSeconds(date, time));

        using var malformed = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        malformed.Headers.TryAddWithoutValidation("Retry-After", "soon");
        Assert.Null(PartnerCenterHeaders.RetryAfterSeconds(malformed, time));
    }
}
