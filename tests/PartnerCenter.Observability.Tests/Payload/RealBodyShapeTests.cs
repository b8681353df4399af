using System.Text;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>Bodies as they really come: the API-gateway form, extra fields, exception names in data, other sources.</summary>
public sealed class RealBodyShapeTests
{
    private const string Json = "application/json";

    private static PartnerCenterErrorClassification Classify(int status, string body) =>
        PartnerCenterErrorClassifier.Default.Classify(status, Encoding.UTF8.GetBytes(body), Json);

    [Fact]
    public void The_api_gateway_throttling_form_is_quota_retryable_and_goes_out_as_a_template()
    {
        var result = Classify(429, """{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds." }""");

        Assert.Null(result.Code); // statusCode is not an error code
        Assert.Equal(PartnerCenterErrorCategory.Quota, result.Category);
        Assert.True(result.IsRetryable);
        Assert.Equal(PartnerCenterClassificationSource.DescriptionTemplate, result.Source);
        Assert.Equal("Rate limit is exceeded. Try again in {0} seconds.", result.Description);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(57)]
    [InlineData(3600)]
    public void A_throttling_text_with_the_status_as_its_code_goes_out_with_the_number_as_a_placeholder(int seconds)
    {
        // The form the simulator sends (and Partner Center's front door with "code": 429): the number of seconds varies
        // per response, the text that reaches spans, logs and the demo's summary does not.
        var result = Classify(429, $$"""{"code": 429, "description": "Rate limit is exceeded. Try again in {{seconds}} seconds.", "data": [], "source": "PartnerFD"}""");

        Assert.Equal(PartnerCenterErrorCategory.Quota, result.Category);
        Assert.Equal("Rate limit is exceeded. Try again in {0} seconds.", result.Description);
        Assert.DoesNotContain(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_api_gateway_form_of_a_401_is_auth()
    {
        var result = Classify(401, """{"statusCode": 401, "message": "Access denied due to invalid subscription key."}""");
        Assert.Equal(PartnerCenterErrorCategory.Auth, result.Category);
        Assert.False(result.IsRetryable);
        Assert.Null(result.Code);
    }

    [Theory]
    [InlineData(503, true, false)]  // the server knows better than the status
    [InlineData(500, true, false)]
    [InlineData(400, false, true)]  // the server says so: the one way a 400 becomes retryable
    [InlineData(403, false, true)]
    [InlineData(409, false, false)] // never: retrying an order in progress risks a duplicate
    public void A_server_stated_isRetryable_decides(int status, bool byCategory, bool stated)
    {
        var body = $$"""{"code": 987654, "description": "x", "data": [], "source": "PartnerApiServiceControllers", "isRetryable": {{(stated ? "true" : "false")}}}""";
        var result = Classify(status, body);
        var without = Classify(status, """{"code": 987654, "description": "x"}""");

        Assert.Equal(byCategory, without.IsRetryable);
        Assert.Equal(stated, result.ServerStatedRetryable);
        Assert.Equal(status != 409 && stated, result.IsRetryable);
        Assert.Equal(without.Category, result.Category); // it never changes the category
    }

    [Fact]
    public void A_server_stated_isRetryable_false_stops_a_catalogued_transient_retry()
    {
        var result = Classify(500, """{"code": 800003, "description": "Unexpected service error", "isRetryable": false}""");
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, result.Source);
        Assert.Equal(PartnerCenterErrorCategory.Transient, result.Category);
        Assert.False(result.IsRetryable);
    }

    [Fact]
    public void Extra_fields_feed_the_fallback_rules()
    {
        var byName = Classify(400, """{"code": 987654, "description": "The request failed.", "errorName": "SubscriptionNotActive"}""");
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, byName.Category);

        var extended = Classify(403, """{"code": 987654, "errorMessageExtended": "The user does not have the required role."}""");
        Assert.Equal(PartnerCenterErrorCategory.Auth, extended.Category);
        Assert.Equal("The user does not have the required role.", extended.Description);

        var message = Classify(400, """{"code": 987654, "errorMessageExtended": "ignored when a message is there", "message": "Too many seats requested."}""");
        Assert.Equal(PartnerCenterErrorCategory.Quota, message.Category);
        Assert.Equal("Too many seats requested.", message.Description);
    }

    [Fact]
    public void Fields_after_code_and_description_are_still_read()
    {
        var result = Classify(503, """{"code": 800003, "description": "Unexpected service error", "data": [{"nested": ["x"]}], "source": "PartnerFD", "errorName": "X", "isRetryable": false}""");
        Assert.False(result.IsRetryable);

        var exception = Classify(400, """{"code": 987654, "description": "The operation failed.", "source": "ComplianceController", "data": ["first note", "AccountUnderReviewException : account 1"]}""");
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, exception.Category);
    }

    [Theory]
    [InlineData("PartnerFD")]
    [InlineData("PartnerApiServiceControllers")]
    [InlineData("ComplianceController")]
    [InlineData("")]
    public void Other_source_values_change_nothing(string source)
    {
        var result = Classify(403, $$"""{"code": 800020, "description": "x", "source": "{{source}}"}""");
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, result.Category);
        Assert.Equal(PartnerCenterClassificationSource.CatalogStatusAndCode, result.Source);
    }

    [Fact]
    public void Doc_samples_cut_off_or_with_typographic_quotes_keep_what_was_read()
    {
        var cut = Classify(400, """{"code": 60012, "description": "We are sorry, it looks like you have run out of licenses. Buy more licenses, and then try again.", "data": ["LicenseQuotaExc""");
        Assert.Equal(PartnerCenterErrorCategory.Quota, cut.Category);
        Assert.False(cut.IsRetryable);

        var quotes = Classify(400, "{\"code\": 900316, \"description\": \u201CPartner token is not allowed\u201D}");
        Assert.Equal("900316", quotes.Code);
        Assert.Equal(PartnerCenterErrorCategory.Auth, quotes.Category);
        Assert.Equal(PartnerCenterPayloadOutcome.Invalid, quotes.Payload);
    }

    [Fact]
    public void A_catalogued_code_with_isRetryable_still_allocates_nothing()
    {
        var body = """{"code": 800020, "description": "The catalog item isn't eligible for purchase.", "data": [], "source": "PartnerFD", "isRetryable": false}"""u8.ToArray();
        var classifier = PartnerCenterErrorClassifier.Default;
        classifier.Classify(403, body, Json); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = classifier.Classify(403, body, Json);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.False(result.IsRetryable);
        Assert.Equal(false, result.ServerStatedRetryable);
    }

    [Fact]
    public void A_success_body_is_never_classified_even_with_a_catalogued_item()
    {
        var result = Classify(200, """{"code": 400072, "description": "This item isn't available. To learn more, see Azure in Cloud Solution Provider (CSP)"}""");
        Assert.False(result.IsError);
        Assert.Null(result.Code);
        Assert.Equal(PartnerCenterClassificationSource.NotAnError, result.Source);
    }
}
