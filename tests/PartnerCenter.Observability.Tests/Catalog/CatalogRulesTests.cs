namespace PartnerCenter.Observability.Tests.Catalog;

public sealed class CatalogRulesTests
{
    [Fact]
    public void No_row_is_unknown_and_a_status_and_code_pair_has_one_row_per_category()
    {
        var rows = PartnerCenterErrorCatalog.Definitions;
        var seed = rows.Where(r => r.Source == "error-codes").ToList();
        Assert.Equal(214, seed.Count); // the seed edition's table, as before catalogue v2
        Assert.Equal(13, seed.Count(r => r.Code is null));
        Assert.True(rows.Count > seed.Count);
        Assert.DoesNotContain(rows, r => r.Category == PartnerCenterErrorCategory.Unknown);
        Assert.DoesNotContain(rows, r => string.IsNullOrWhiteSpace(r.Source) || r.Source.Contains("://", StringComparison.Ordinal));

        var coded = rows.Where(r => r.Code is not null).Select(r => (r.StatusCode, Code: r.Code!.ToUpperInvariant(), r.Category)).ToList();
        Assert.Equal(coded.Count, coded.Distinct().Count());
    }

    [Fact]
    public void Every_409_row_is_conflict_and_never_retryable()
    {
        var conflicts = PartnerCenterErrorCatalog.Definitions.Where(r => r.StatusCode == 409).ToList();
        Assert.NotEmpty(conflicts);
        Assert.All(conflicts, r =>
        {
            Assert.Equal(PartnerCenterErrorCategory.Conflict, r.Category);
            Assert.False(r.IsRetryable);
        });
    }

    [Fact]
    public void Retryable_is_exactly_the_transient_rows_and_429()
    {
        Assert.All(PartnerCenterErrorCatalog.Definitions, r =>
            Assert.Equal(r.Category == PartnerCenterErrorCategory.Transient || r.StatusCode == 429, r.IsRetryable));
    }

    [Theory]
    [InlineData(500, "800031", PartnerCenterErrorCategory.Validation, false)] // "Purchase system not supported" is a 500 but not transient
    [InlineData(500, "800003", PartnerCenterErrorCategory.Transient, true)]
    [InlineData(409, "800060", PartnerCenterErrorCategory.Conflict, false)]   // "in progress": retrying risks a duplicate order
    [InlineData(409, "900278", PartnerCenterErrorCategory.Conflict, false)]   // "try again after 24 hours" is still a 409
    [InlineData(403, "800020", PartnerCenterErrorCategory.Eligibility, false)]
    [InlineData(403, "800067", PartnerCenterErrorCategory.Quota, false)]      // seat-count limit is quota, and never retried
    [InlineData(403, "900308", PartnerCenterErrorCategory.Auth, false)]
    [InlineData(403, "20002", PartnerCenterErrorCategory.Auth, false)]        // no partner-customer relationship
    [InlineData(401, "800001", PartnerCenterErrorCategory.Auth, false)]
    [InlineData(404, "20003", PartnerCenterErrorCategory.NotFound, false)]
    [InlineData(408, "900225", PartnerCenterErrorCategory.Transient, true)]
    [InlineData(400, "900311", PartnerCenterErrorCategory.Quota, false)]      // updated too many times
    [InlineData(400, "900117", PartnerCenterErrorCategory.Eligibility, false)] // cancellation window passed
    [InlineData(400, "800070", PartnerCenterErrorCategory.Eligibility, false)] // not available in the country
    [InlineData(400, "900220", PartnerCenterErrorCategory.Eligibility, false)] // migration not allowed
    [InlineData(400, "800002", PartnerCenterErrorCategory.Validation, false)]
    [InlineData(417, "800036", PartnerCenterErrorCategory.Conflict, false)]
    public void Documented_rules_hold(int status, string code, PartnerCenterErrorCategory category, bool retryable)
    {
        Assert.True(PartnerCenterErrorCatalog.TryFind(status, code, out var row));
        Assert.Equal(category, row.Category);
        Assert.Equal(retryable, row.IsRetryable);
    }

    [Theory]
    [InlineData(501, PartnerCenterErrorCategory.Validation, false)] // not implemented: the request asks for what the service does not do
    [InlineData(423, PartnerCenterErrorCategory.Conflict, false)]
    [InlineData(500, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(502, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(503, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(504, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(408, PartnerCenterErrorCategory.Transient, true)]
    [InlineData(429, PartnerCenterErrorCategory.Quota, true)]
    [InlineData(409, PartnerCenterErrorCategory.Conflict, false)]
    [InlineData(412, PartnerCenterErrorCategory.Conflict, false)]
    [InlineData(404, PartnerCenterErrorCategory.NotFound, false)]
    [InlineData(401, PartnerCenterErrorCategory.Auth, false)]
    [InlineData(403, PartnerCenterErrorCategory.Auth, false)]
    [InlineData(400, PartnerCenterErrorCategory.Validation, false)]
    [InlineData(405, PartnerCenterErrorCategory.Validation, false)]
    [InlineData(418, PartnerCenterErrorCategory.Unknown, false)]
    public void Status_fallback(int status, PartnerCenterErrorCategory category, bool retryable)
    {
        var result = PartnerCenterErrorClassifier.ClassifyStatus(status);
        Assert.Equal(category, result.Category);
        Assert.Equal(retryable, result.IsRetryable);
        Assert.True(result.IsError);
    }

    [Fact]
    public void Success_is_not_an_error()
    {
        var result = PartnerCenterErrorClassifier.Default.Classify(200, """{"code":800020}"""u8, "application/json");
        Assert.False(result.IsError);
        Assert.False(result.IsRetryable);
        Assert.Null(result.Code);
        Assert.Equal(PartnerCenterClassificationSource.NotAnError, result.Source);
    }

    [Theory]
    [InlineData("auth", PartnerCenterErrorCategory.Auth)]
    [InlineData("not_found", PartnerCenterErrorCategory.NotFound)]
    [InlineData("NotFound", PartnerCenterErrorCategory.NotFound)]
    [InlineData("conflict", PartnerCenterErrorCategory.Conflict)]
    public void Tag_values_round_trip(string text, PartnerCenterErrorCategory expected)
    {
        Assert.True(PartnerCenterErrorCategoryExtensions.TryParseTagValue(text, out var parsed));
        Assert.Equal(expected, parsed);
        Assert.True(PartnerCenterErrorCategoryExtensions.TryParseTagValue(parsed.ToTagValue(), out var again));
        Assert.Equal(expected, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("bogus")]
    [InlineData(null)]
    public void Tag_value_parsing_rejects_non_names(string? text) =>
        Assert.False(PartnerCenterErrorCategoryExtensions.TryParseTagValue(text, out _));
}
