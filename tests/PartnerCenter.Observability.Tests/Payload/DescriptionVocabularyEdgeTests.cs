using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>How <see cref="DescriptionVocabulary.IsKnown"/> treats case, possessives and empty input.</summary>
public sealed class DescriptionVocabularyEdgeTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("'s", false)]
    [InlineData("banana", true)]
    [InlineData("banana's", true)]
    [InlineData("qwrtz's", false)]
    [InlineData("isn't", true)]
    public void A_possessive_is_known_when_its_word_is(string word, bool expected) =>
        Assert.Equal(expected, DescriptionVocabulary.IsKnown(word));

    [Fact]
    public void Words_in_capitals_are_known_only_as_the_catalogue_writes_them()
    {
        // The catalogue writes "customer" and "Customer", never "CUSTOMER".
        Assert.True(DescriptionVocabulary.IsCatalogueWord("customer"));
        Assert.True(DescriptionVocabulary.IsCatalogueWord("Customer"));
        Assert.False(DescriptionVocabulary.IsCatalogueWord("CUSTOMER"));

        Assert.True(DescriptionVocabulary.IsKnown("customer"));
        Assert.True(DescriptionVocabulary.IsKnown("Customer"));
        Assert.False(DescriptionVocabulary.IsKnown("CUSTOMER"));
        Assert.False(DescriptionVocabulary.IsKnown("CUSTOMER's"));
        Assert.False(DescriptionVocabulary.IsKnown("cUSTOMER"));

        // A capitalised English word the catalogue does not have is a name, not a word.
        Assert.True(DescriptionVocabulary.IsKnown("banana"));
        Assert.False(DescriptionVocabulary.IsKnown("Banana"));
        Assert.False(DescriptionVocabulary.IsKnown("BANANA"));
    }

    [Fact]
    public void The_redactor_keeps_a_known_possessive_and_no_word_in_capitals_the_catalogue_does_not_write() =>
        Assert.Equal("The banana's customer is {redacted}", DescriptionRedactor.Redact("The banana's customer is CUSTOMER", 256));
}
