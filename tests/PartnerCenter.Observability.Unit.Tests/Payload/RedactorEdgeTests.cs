using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>Redaction where a word is nothing but a query string, an '@' or a key-value separator.</summary>
public sealed class RedactorEdgeTests
{
    [Theory]
    [InlineData("see ?token=abc now", "see ?{query} now")]
    [InlineData("?a=1", "?{query}")]
    [InlineData("(?a=1)", "(?{query}")]
    [InlineData("? x", "? x")]
    public void A_word_that_is_only_a_query_string_is_masked(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("a;b&c", "a;b&c")]
    [InlineData("jane@contoso.com;bob", "{email}")]
    [InlineData("jane@contoso.com;bob=1", "{email};bob=1")]
    [InlineData("@", "@")]
    [InlineData("@@", "{email}")]
    public void Separators_without_a_key_leave_the_word_whole(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));
}
