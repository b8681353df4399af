namespace PartnerCenter.Observability.Tests.Catalog;

/// <summary>Template matching at its edges: placeholders, literals between them, and normalisation.</summary>
public sealed class DescriptionTemplateEdgeTests
{
    [Theory]
    [InlineData("to {0} from {1}", "to X from Y", true)]
    [InlineData("to {0} from {1}", "to  from Y", false)]
    [InlineData("to {0} from {1}", "to X from ", false)]
    [InlineData("to {0} from {1}", "to X to Y", false)]
    [InlineData("to {0} from {1}", "TO x FROM y.", true)]
    [InlineData("A {0} B {1} C {2} D", "A 1 B 2 C 3 D", true)]
    [InlineData("A {0} B {1} C {2} D", "A 1 B 2 C  D", false)]
    [InlineData("A {0} B {1} C {2} D", "A 1 C 2 B 3 D", false)]
    [InlineData("A {0} B {1} C {2} D", "A 1 B 2 D", false)]
    [InlineData("{0}{1}", "x", false)]
    [InlineData("{0}{1}", "xy", true)]
    [InlineData("{0}-{1}", "x-y", true)]
    [InlineData("{0}-{1}", "-y", false)]
    [InlineData("{0}-{1}", "x-", false)]
    [InlineData("{0}-{1}", "--", false)]
    [InlineData("{0}-{1}", "a--", true)]
    [InlineData("{0}", "", false)]
    [InlineData("{0}", "anything", true)]
    [InlineData("Item {12} failed", "Item 7 failed", true)]
    [InlineData("Item {x} failed", "Item 7 failed", false)]
    [InlineData("Item {x} failed", "Item {x} failed", true)]
    [InlineData("Item {} failed", "Item {} failed", true)]
    [InlineData("Item {} failed", "Item 7 failed", false)]
    [InlineData("Item {0 failed", "Item {0 failed", true)]
    [InlineData("Done...", "done", true)]
    [InlineData("Done . .", " Done ", true)]
    [InlineData("Done", "Done!", false)]
    [InlineData("ab {0} ab", "ab ab", false)]
    [InlineData("ab {0} ab", "ab x ab", true)]
    public void Matches(string template, string description, bool expected) =>
        Assert.Equal(expected, new DescriptionTemplate(template).IsMatch(description));

    [Theory]
    [InlineData("Subscription {0} not found.", "Subscription ")]
    [InlineData("  Etag is no longer valid. ", "Etag is no longer valid")]
    [InlineData("{0} program", "")]
    [InlineData("Item {x} of {1}", "Item {x} of ")]
    public void The_prefix_is_the_literal_before_the_first_placeholder(string template, string prefix) =>
        Assert.Equal(prefix, new DescriptionTemplate(template).Prefix);

    [Theory]
    [InlineData("  Etag is no longer valid. . ", "Etag is no longer valid")]
    [InlineData("...", "")]
    [InlineData("a.b", "a.b")]
    public void Lookup_keys_are_trimmed_of_space_and_final_stops(string description, string expected) =>
        Assert.Equal(expected, DescriptionTemplate.NormaliseForLookup(description).ToString());
}
