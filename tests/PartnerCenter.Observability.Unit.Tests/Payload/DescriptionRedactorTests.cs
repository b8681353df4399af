using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

public sealed class DescriptionRedactorTests
{
    [Theory]
    [InlineData("Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 not eligible.", "Customer {guid} not eligible.")]
    [InlineData("see /v1/customers/5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11/orders", "see {token}")]
    [InlineData("id:5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11,", "id:{guid},")]
    [InlineData("Contact (jane.doe@contoso.com) now", "Contact ({email}) now")]
    [InlineData("Order 1234567 failed; order 1234 ok", "Order {number} failed; order 1234 ok")]
    [InlineData("Authorization: Bearer abc.def.ghi rejected", "Authorization: Bearer {token} rejected")]
    [InlineData("GET /v1/invoices?size=5&token=xyz failed", "GET /v1/invoices?{query} failed")]
    [InlineData("  many   spaces\r\n here ", "many spaces here")]
    public void Masks_sensitive_values(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(input, 256));

    [Fact]
    public void Cuts_to_the_maximum_length()
    {
        var text = DescriptionRedactor.Redact(string.Join(' ', Enumerable.Repeat("word", 500)), 50);
        Assert.InRange(text.Length, 45, 50);
        Assert.EndsWith("word…", text, StringComparison.Ordinal);
    }

    // Class 10 of the security probe: each secret shape, in each disguise, is masked; the secret part never survives.
    [Theory]
    [InlineData("Secret Xp8Q~3vZ9yW7uT5sR3qP1oN_mL-kJ2iH4gF6eD0c is expired", "Xp8Q~3vZ9yW7uT5sR3qP1oN")]
    [InlineData("Bad client_secret=Xp8Q~3vZ9yW7uT5sR3qP1oN_mL-kJ2iH4gF6eD0c given", "3vZ9yW7uT5sR3qP1oN")]
    [InlineData("Token:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2lnbmF0dXJl rejected", "eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("Body {\"t\":\"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln\"} rejected", "eyJzdWIiOiJqYW5lIn0")]
    [InlineData("Header Bearer%20eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIn0.c2ln rejected", "eyJzdWIiOiJqYW5lIn0")]
    [InlineData("Conn DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=bXlLZXk9PQ==;EndpointSuffix=core.windows.net failed", "bXlLZXk9PQ")]
    [InlineData("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=c2VjcmV0S2V5 failed", "c2VjcmV0S2V5")]
    [InlineData("Link sv=2020&sig=abcDEF123%2Bxyz&se=2025 expired", "abcDEF123")]
    [InlineData("Contact jane.doe%40contoso.com now", "jane.doe")]
    [InlineData("Contact jane.doe＠contoso.com now", "jane.doe")]
    [InlineData("Contact jane.doe&#64;contoso.com now", "jane.doe")]
    [InlineData("Contact jane.doe@contoso。com now", "jane.doe")]
    [InlineData("Contact jane.doe\u202E@contoso.com now", "jane.doe")]
    [InlineData("Customer id:5c7b6c438d7e4e4b9a596a0f9c0f2b11 unknown", "5c7b6c438d7e")]
    [InlineData("Customer 5c7b6c43%2D8d7e%2D4e4b%2D9a59%2D6a0f9c0f2b11 unknown", "5c7b6c43")]
    [InlineData("Customer 5c7b6c43-8d7e-4e4b\u200B-9a59-6a0f9c0f2b11 unknown", "5c7b6c43")]
    [InlineData("Call +1 (425) 555-0100 now", "555")]
    [InlineData("Call 425 555 0100 now", "555 0100")]
    [InlineData("Card 4111 1111 1111 1111 declined", "4111 1111")]
    [InlineData("IBAN DE89 3704 0044 0532 0130 00 refused", "3704")]
    [InlineData("Tenant contoso.onmicrosoft.com not found", "contoso")]
    [InlineData("Host login.partner.example.net unreachable", "partner.example")]
    [InlineData("Sign-in failed password=hunter2 for app", "hunter2")]
    [InlineData("Sign-in failed password: hunter2 for app", "hunter2")]
    public void Masks_secret_shapes_in_every_disguise(string input, string secret)
    {
        var unescaped = System.Text.RegularExpressions.Regex.Unescape(input);
        var redacted = DescriptionRedactor.Redact(unescaped, 256);
        Assert.DoesNotContain(secret, redacted, StringComparison.OrdinalIgnoreCase);
        Assert.Contains('{', redacted);
        Assert.DoesNotContain(redacted, c => char.IsControl(c) || c is '\u200B' or '\u202E');
    }

    [Fact]
    public void An_email_cut_at_the_length_cap_is_masked_or_dropped()
    {
        var text = "Please contact the administrator of this tenant jane.doe@contoso.com";
        for (var cap = 20; cap <= text.Length; cap++)
        {
            var redacted = DescriptionRedactor.Redact(text, cap);
            Assert.DoesNotContain("jane", redacted, StringComparison.Ordinal);
            Assert.True(redacted.Length <= cap, redacted);
        }

        Assert.Equal("{email} x", DescriptionRedactor.Redact("jane.doe@conto x", 256));
    }

    [Theory]
    [InlineData("Line one\r\n2025-01-01 [FTL] forged", "Line one {number} [FTL] forged")]
    [InlineData("Colour \u001b[31mred\u001b[0m and \u0000nul", "Colour [31mred[0m and nul")]
    public void Control_characters_never_survive(string input, string expected) =>
        Assert.Equal(expected, DescriptionRedactor.Redact(System.Text.RegularExpressions.Regex.Unescape(input), 256));

    [Theory]
    [InlineData("The offer isn't eligible for purchase in country US.")]
    [InlineData("Microsoft.Partner.Commerce.Ordering failed; try again later.")]
    [InlineData("Order 1234 of 5 lines, e.g. 12 seats.")]
    public void Plain_text_is_kept(string input) =>
        Assert.Equal(input, DescriptionRedactor.Redact(input, 256));
}
