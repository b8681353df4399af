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
        Assert.Equal(50, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
    }
}
