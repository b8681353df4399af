using PartnerCenter.Observability.Operations;

namespace PartnerCenter.Observability.Tests.Operations;

/// <summary>Between matching route templates with as many literal segments, the one listed first names the operation.</summary>
public sealed class TemplateOrderTests
{
    [Theory]
    [InlineData("/v7/{a}/x", "/v7/{b}/x")]
    [InlineData("/v7/{b}/x", "/v7/{a}/x")]
    public void The_first_of_equally_specific_user_templates_wins(string first, string second)
    {
        var resolver = new OperationNameResolver([first, second], maxOperations: 10);
        Assert.Equal(first, resolver.Resolve("/v7/anything/x"));
    }
}
