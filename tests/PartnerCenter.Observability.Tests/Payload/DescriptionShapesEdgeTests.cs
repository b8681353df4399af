using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>
/// The edges of <see cref="DescriptionShapes"/>: which shape a compound gets at each bound (token lengths, host names,
/// IPv4 and IPv6 addresses, GUIDs), and which compounds stay as words.
/// </summary>
public sealed class DescriptionShapesEdgeTests
{
    /// <summary>A compound as the redactor writes it: its shape, or W/N/P for a word, a number or punctuation.</summary>
    private static string Classify(string compound)
    {
        var segment = DescriptionShapes.Classify(compound, 0, compound.Length);
        Assert.Equal(0, segment.Start);
        Assert.Equal(compound.Length, segment.Length);
        return segment.Kind switch
        {
            DescriptionSegmentKind.Shape => segment.Shape!,
            DescriptionSegmentKind.Word => "W",
            DescriptionSegmentKind.Number => "N",
            DescriptionSegmentKind.Punctuation => "P",
            _ => segment.Kind.ToString(),
        };
    }

    [Theory]
    // Letters only: a known word, else redacted, a token from 20 letters on; never a GUID, even of hexadecimal letters.
    [InlineData("abcdefabcdefabcdefabcdefabcdefab", "{token}")]
    [InlineData("qwrtzpsdfghjklxcvbnm", "{token}")]
    [InlineData("qwrtzpsdfghjklxcvbn", "{redacted}")]
    [InlineData("eyJabcdefghijklmn", "{redacted}")]
    // A lone '@' is punctuation; with anything else, an e-mail address.
    [InlineData("@", "P")]
    [InlineData("@x", "{email}")]
    // Joiners only stay as they are.
    [InlineData("--", "W")]
    [InlineData("#", "W")]
    // Digits with joiners other than '.' and '-' are a number's shape, never a number kept.
    [InlineData("12+34", "{number}")]
    [InlineData("1_000", "{number}")]
    [InlineData("1.2-3", "N")]
    // A JSON web token's start ("eyJ") makes a token from 16 characters; anything else from 20.
    [InlineData("eyJhbGciOiJIUzI1", "{token}")]
    [InlineData("eyJhbGciOiJIUz1", "{id}")]
    [InlineData("abc123def456ghi7", "{id}")]
    [InlineData("abc123def456ghi78jkl", "{token}")]
    // IPv4: four groups of one to three digits.
    [InlineData("192.168.100.200", "{ip}")]
    [InlineData("10.0.0.1", "{ip}")]
    [InlineData("1..2.3", "N")]
    [InlineData("1234.1.1.1", "N")]
    [InlineData("1-2.3.4.5", "N")]
    [InlineData("1.2.3", "N")]
    // GUIDs: 32 hexadecimal digits in a row, or 8-4-4-4-12 anywhere in the compound.
    [InlineData("0123456789abcdef0123456789abcdef", "{guid}")]
    [InlineData("0123456789abcdef0123456789abcde", "{token}")]
    [InlineData("5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11", "{guid}")]
    [InlineData("5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11-x1", "{guid}")]
    [InlineData("id-5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11", "{guid}")]
    [InlineData("5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b1", "{token}")]
    [InlineData("abcdefghijkl-mnopqrstuvwxyz-0123456789-abc", "{token}")]
    // Host names: dotted labels, the last one two letters or more.
    [InlineData("contoso.uk", "{domain}")]
    [InlineData("contoso.c", "{redacted}")]
    [InlineData("contoso..com", "{redacted}")]
    [InlineData("xq_zv.com", "{redacted}")]
    [InlineData("host1.contoso.com", "{domain}")]
    public void Each_compound_gets_its_shape(string compound, string expected) =>
        Assert.Equal(expected, Classify(compound));

    [Theory]
    [InlineData("banana-split", "W")]
    [InlineData("banana--split", "W")]
    [InlineData("banana_split", "W")]
    [InlineData("banana-qwrtz", "{redacted}")]
    [InlineData("banana.split", "{domain}")]
    [InlineData("e.g", "W")]
    [InlineData("e.\u00E9", "{redacted}")]
    [InlineData("banana-\u00E9", "{redacted}")]
    public void A_compound_of_known_words_stays_and_dotted_parts_must_be_the_catalogue_s(string compound, string expected)
    {
        // English words that the catalogue does not write: known joined by '-' or '_', not joined by '.'.
        Assert.False(DescriptionVocabulary.IsCatalogueWord("banana"));
        Assert.False(DescriptionVocabulary.IsCatalogueWord("split"));
        Assert.True(DescriptionVocabulary.IsKnown("banana"));
        Assert.True(DescriptionVocabulary.IsKnown("split"));
        Assert.Equal(expected, Classify(compound));
    }

    [Theory]
    [InlineData("contoso.com", true)]
    [InlineData("contoso.uk", true)]
    [InlineData("a-b.contoso.com", true)]
    [InlineData(".com", false)]
    [InlineData("contoso.c", false)]
    [InlineData("contoso.", false)]
    [InlineData("contoso", false)]
    [InlineData("foo..com", false)]
    [InlineData("xq_zv.com", false)]
    [InlineData("contoso.c1", false)]
    public void A_host_name_is_dotted_labels_ending_in_two_letters_or_more(string text, bool expected) =>
        Assert.Equal(expected, DescriptionShapes.IsHostName(text));

    [Theory]
    [InlineData("fe80::1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("[::ffff:10.0.0.1]", true)]
    [InlineData("ab:cd", false)]
    [InlineData("ab:cd:xyz", false)]
    [InlineData("::", false)]
    public void An_IPv6_address_has_two_colons_or_more_and_hexadecimal_digits_only(string text, bool expected) =>
        Assert.Equal(expected, DescriptionShapes.IsIPv6(text));
}
