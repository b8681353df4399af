using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>Every key name whose value the redactor masks, each by name, and a key that is not one of them.</summary>
public sealed class SecretKeyNameTests
{
    [Theory]
    [InlineData("password")]
    [InlineData("passwd")]
    [InlineData("pwd")]
    [InlineData("secret")]
    [InlineData("key")]
    [InlineData("token")]
    [InlineData("sig")]
    [InlineData("signature")]
    [InlineData("credential")]
    [InlineData("credentials")]
    [InlineData("connectionstring")]
    public void A_key_that_ends_in_a_secret_name_has_its_value_masked(string name)
    {
        Assert.Equal($"x {name}={{secret}} y", DescriptionRedactor.Redact($"x {name}=plain y", 256));
        Assert.Equal($"x My{name.ToUpperInvariant()}={{secret}} y", DescriptionRedactor.Redact($"x My{name.ToUpperInvariant()}=plain y", 256));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("keys")]
    [InlineData("tokens")]
    public void Any_other_key_keeps_its_value(string name) =>
        Assert.Equal($"x {name}=plain y", DescriptionRedactor.Redact($"x {name}=plain y", 256));
}
