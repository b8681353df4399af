using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>Each masking rule of the redactor at its edges: what it masks, what it keeps, and the placeholder it writes.</summary>
public sealed class RedactorRuleTests
{
    [Theory]
    [InlineData("Basic dXNlcjpwYXNz now", "Basic {token} now")]
    [InlineData("bearer abc now", "bearer {token} now")]
    [InlineData("BEARER   abc", "BEARER {token}")]
    [InlineData("Bearer", "Bearer")]
    [InlineData("password: hunter2 done", "password: {token} done")]
    [InlineData("\"Password\": hunter2", "\"Password\": {token}")]
    [InlineData("client_secret= abc", "client_secret={secret} {token}")]
    [InlineData("x: y", "x: y")]
    [InlineData(": y", ": y")]
    [InlineData("passwords: y", "passwords: y")]
    public void A_secret_named_word_masks_the_next_word(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("api_key=abc123 x", "api_key={secret} x")]
    [InlineData("AccountKey=abc;EndpointSuffix=core", "AccountKey={secret};EndpointSuffix=core")]
    [InlineData("user=jane;role=admin", "user=jane;role=admin")]
    [InlineData("a=1&b=2,c", "a=1&b=2,c")]
    [InlineData("a=1&sig=abc", "a=1&sig={secret}")]
    [InlineData("=jane@contoso.com", "={email}")]
    [InlineData("jane@contoso.com=x", "{email}=x")]
    [InlineData("x=jane@contoso.com", "x={email}")]
    [InlineData("a;b=1", "a;b=1")]
    [InlineData("token:eyJhbGc", "token:{secret}")]
    [InlineData("Signature:abc", "Signature:{secret}")]
    [InlineData("note:abc", "note:abc")]
    [InlineData("token:", "token:")]
    public void Key_value_pairs_mask_secret_values(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("see https://contoso.com/x now", "see {url} now")]
    [InlineData("host contoso.onmicrosoft.com down", "host {domain} down")]
    [InlineData("Trailing (contoso.com).", "Trailing ({domain}).")]
    [InlineData("a-b.co", "{domain}")]
    [InlineData("contoso.c", "contoso.c")]
    [InlineData("Contoso.com", "Contoso.com")]
    [InlineData("contoso.Com", "contoso.Com")]
    [InlineData("a_b.co", "a_b.co")]
    [InlineData("a..bc", "a..bc")]
    [InlineData("Version 1.2 ok", "Version 1.2 ok")]
    [InlineData("@jane", "@jane")]
    [InlineData("a@", "{email}")]
    [InlineData("@jane@contoso", "{email}")]
    public void Urls_hosts_and_emails(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9 x", "{token} x")]
    [InlineData("eyJhbGciOiJIUzI1 x", "{token} x")]
    [InlineData("eyJhbGciOiJIUzI x", "eyJhbGciOiJIUzI x")]
    [InlineData("5c7b6c438d7e4e4b9a596a0f9c0f2b11", "{guid}")]
    [InlineData("5c7b6c438d7e4e4b9a596a0f9c0f2b1z", "{token}")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdef1", "{token}")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde1", "{token}")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcd1", "abcdefghijklmnopqrstuvwxyzabcd1")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdef", "abcdefghijklmnopqrstuvwxyzabcdef")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde~", "{token}")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde+", "{token}")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde_", "{token}")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcd%2", "{token}")]
    [InlineData("abcdefab-abcd-abcd-abcd-abcdefabcdefx", "{guid}x")]
    [InlineData("xabcdefab-abcd-abcd-abcd-abcdefabcdef", "x{guid}")]
    [InlineData("abcdefab-abcd-abcd-abcd-abcdefabcdef", "{guid}")]
    [InlineData("abcdefab_abcd-abcd-abcd-abcdefabcdefx", "{token}")]
    [InlineData("abcdefabXabcdXabcdXabcdXabcdefabcdef", "abcdefabXabcdXabcdXabcdXabcdefabcdef")]
    public void Tokens_guids_and_opaque_runs(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("Order 1234 ok", "Order 1234 ok")]
    [InlineData("Order 12345 failed", "Order {number} failed")]
    [InlineData("ab12345cd", "ab{number}cd")]
    [InlineData("ab1234cd", "ab1234cd")]
    [InlineData("Call +1 (425) 555-0100 now", "Call {number} now")]
    [InlineData("12 34 56 7", "{number}")]
    [InlineData("12 34 56", "12 34 56")]
    [InlineData("Version 1.2.3 ok", "Version 1.2.3 ok")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 x", "IBAN {iban} x")]
    [InlineData("IBAN GB82WEST12345698765432", "IBAN {iban}")]
    public void Numbers_phone_numbers_and_ibans(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("see /a?b=1 x", "see /a?{query} x")]
    [InlineData("why?", "why?")]
    [InlineData("(see /a?b=1).", "(see /a?{query}")]
    public void A_query_string_is_never_kept(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Theory]
    [InlineData("one two three four five", 10, "one two…")]
    [InlineData("one two three", 8, "one two…")]
    [InlineData("abcdefghijkl", 5, "…")]
    [InlineData("one two", 7, "one two")]
    [InlineData("  lead and trail  ", 256, "lead and trail")]
    public void Long_text_is_cut_at_a_word_with_an_ellipsis(string input, int max, string expected)
    {
        var result = DescriptionRedactor.Redact(input, max);
        Assert.Equal(expected, result);
        Assert.True(result.Length <= max);
    }

    [Fact]
    public void A_long_description_is_read_only_to_four_times_the_limit()
    {
        Assert.Equal("a {number}", DescriptionRedactor.Redact("a 12345" + new string(' ', 200) + "b", 16));
    }
}
