using PartnerCenter.Observability.Payload;

namespace PartnerCenter.Observability.Tests.Payload;

/// <summary>A segment is a given punctuation mark only when it is punctuation and that mark.</summary>
public sealed class DescriptionSegmentEdgeTests
{
    [Fact]
    public void Only_a_punctuation_segment_is_a_punctuation_mark()
    {
        const string text = "/usr";
        Assert.True(new DescriptionSegment(DescriptionSegmentKind.Punctuation, 0, 1).IsPunctuation(text, '/'));
        Assert.False(new DescriptionSegment(DescriptionSegmentKind.Punctuation, 0, 1).IsPunctuation(text, ':'));
        Assert.False(new DescriptionSegment(DescriptionSegmentKind.Word, 0, 4).IsPunctuation(text, '/'));
        Assert.False(new DescriptionSegment(DescriptionSegmentKind.Shape, 0, 4, DescriptionShapes.Id).IsPunctuation(text, '/'));
    }
}
