using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>
/// Where the value of a secret-named key starts and ends (<see cref="DescriptionSecrets"/>), seen in the redacted text:
/// a quoted value runs to its closing quote, an unquoted one to the next end character or the end, trailing spaces stay
/// outside, a closing tag opens no value, key names match as a suffix and auth schemes only whole.
/// </summary>
public sealed class DescriptionSecretsEdgeTests
{
    private static string Redact(string text) => DescriptionRedactor.Redact(text, 256);

    [Theory]
    [InlineData("Failed password: \"correct; horse, battery\" was rejected", "\"{secret}\" was rejected")]
    [InlineData("Failed \"password\" : \"correct; horse, battery\" was rejected", "\"{secret}\" was rejected")]
    [InlineData("Failed password='correct; horse, battery' was rejected", "'{secret}' was rejected")]
    [InlineData("Failed password=`correct horse, battery` was rejected", "`{secret}` was rejected")]
    public void A_quoted_value_runs_to_its_closing_quote_past_any_end_character(string input, string tail)
    {
        var redacted = Redact(input);
        Assert.EndsWith(tail, redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "correct", "horse", "battery");
    }

    [Theory]
    [InlineData(';')]
    [InlineData('&')]
    [InlineData(',')]
    [InlineData('<')]
    [InlineData('"')]
    [InlineData('\'')]
    [InlineData(')')]
    [InlineData(']')]
    [InlineData('}')]
    public void An_unquoted_value_ends_at_each_end_character(char end)
    {
        var redacted = Redact($"Failed password=hunter{end} was rejected");
        Assert.EndsWith($"={{secret}}{end} was rejected", redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "hunter");
    }

    [Theory]
    [InlineData("Failed password=hunter. was rejected")]
    [InlineData("Failed password=hunter - was rejected")]
    [InlineData("Failed password=hunter / was rejected")]
    [InlineData("Failed password=hunter! was rejected")]
    public void An_unquoted_value_runs_past_other_punctuation_to_the_end(string input)
    {
        var redacted = Redact(input);
        Assert.EndsWith("={secret}", redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "hunter", "rejected");
    }

    [Fact]
    public void An_opening_bracket_is_part_of_an_unquoted_value_and_a_closing_one_ends_it()
    {
        // Only quotes open a quoted value; "(" is the value's first character, ")" an end character.
        var redacted = Redact("Failed password=(hunter) was rejected");
        Assert.EndsWith("={secret}) was rejected", redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "hunter");
    }

    [Theory]
    [InlineData("Failed password=hunter ; was rejected", "={secret} ; was rejected")]
    [InlineData("Failed password=correct horse   , was rejected", "={secret} , was rejected")]
    public void Trailing_spaces_stay_outside_the_value(string input, string tail)
    {
        var redacted = Redact(input);
        Assert.EndsWith(tail, redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "hunter", "correct", "horse");
    }

    [Theory]
    [InlineData("Failed password = ; was rejected", "= ; was rejected")]
    [InlineData("Failed password=, was rejected", "=, was rejected")]
    public void An_empty_value_masks_nothing(string input, string tail)
    {
        var redacted = Redact(input);
        Assert.EndsWith(tail, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("{secret}", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closing_tag_opens_no_value()
    {
        var redacted = Redact("Failed <Password>hunter</Password> was rejected");
        Assert.Contains(">{secret}</", redacted, StringComparison.Ordinal);
        Assert.EndsWith("> was rejected", redacted, StringComparison.Ordinal);
        Assert.Equal(2, redacted.Split("{secret}").Length);
        AssertNoneOf(redacted, "hunter");
    }

    [Theory]
    [InlineData("client_secret")]
    [InlineData("ClientSecret")]
    [InlineData("x-api-key")]
    [InlineData("AccountKey")]
    [InlineData("SharedAccessKey")]
    [InlineData("refresh_token")]
    [InlineData("DbPassword")]
    public void A_key_that_ends_in_a_secret_name_masks_its_value(string key)
    {
        var redacted = Redact($"Failed {key}=hunter; was rejected");
        Assert.EndsWith("{secret}; was rejected", redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "hunter");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("BASIC")]
    [InlineData("digest")]
    [InlineData("Negotiate")]
    [InlineData("NTLM")]
    [InlineData("SharedAccessSignature")]
    public void The_word_after_each_auth_scheme_is_a_token(string scheme)
    {
        // No separator in the text: the scheme is found by its name alone, from the shortest (4) to the longest (21).
        var redacted = Redact($"Failed {scheme} hunter");
        Assert.EndsWith(" {token}", redacted, StringComparison.Ordinal);
        AssertNoneOf(redacted, "hunter");
    }

    [Theory]
    [InlineData("Failed: renegotiate terms")]
    [InlineData("Failed: nonbasic terms")]
    [InlineData("Failed: predigest terms")]
    [InlineData("Failed: pallbearer terms")]
    public void A_scheme_name_matches_only_whole_never_as_a_suffix(string input)
    {
        var redacted = Redact(input);
        Assert.EndsWith(" terms", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("{token}", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scheme_name_whole_in_the_same_text_masks_the_next_word()
    {
        // The control of the test above: the same text with the scheme's own name.
        Assert.EndsWith(" {token}", Redact("Failed: negotiate terms"), StringComparison.Ordinal);
    }

    private static void AssertNoneOf(string redacted, params string[] words)
    {
        foreach (var word in words)
        {
            Assert.DoesNotContain(word, redacted, StringComparison.OrdinalIgnoreCase);
        }
    }
}
