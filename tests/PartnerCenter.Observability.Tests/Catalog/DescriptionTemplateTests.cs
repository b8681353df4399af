namespace PartnerCenter.Observability.Tests.Catalog;

public sealed class DescriptionTemplateTests
{
    [Theory]
    [InlineData("Subscription with ID {0} not found.", "Subscription with ID 123 not found.", true)]
    [InlineData("Subscription with ID {0} not found.", "subscription with id 123 not found", true)]
    [InlineData("Subscription with ID {0} not found.", "Subscription with ID  not found.", false)]
    [InlineData("Subscription with ID {0} not found.", "Subscription with ID 1 was found.", false)]
    [InlineData("Asset status can't be changed to {0} from {1}", "Asset status can't be changed to Active from Suspended", true)]
    [InlineData("Asset status can't be changed to {0} from {1}", "Asset status can't be changed to Active from ", false)]
    [InlineData("{0} program status isn't active.", "CSP program status isn't active.", true)]
    [InlineData("{0} program status isn't active.", " program status isn't active.", false)]
    [InlineData("Etag is no longer valid", "Etag is no longer valid.", true)]
    [InlineData("Etag is no longer valid", "Etag is no longer valid at all", false)]
    public void Placeholders_stand_for_any_non_empty_value(string template, string description, bool expected) =>
        Assert.Equal(expected, new DescriptionTemplate(template).IsMatch(description));
}
