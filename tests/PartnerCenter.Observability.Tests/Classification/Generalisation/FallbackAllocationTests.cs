using PartnerCenter.Observability.Classification;

namespace PartnerCenter.Observability.Tests.Classification.Generalisation;

/// <summary>The fallback reads a description without allocating: features are hashed in place, weights are constant data.</summary>
public sealed class FallbackAllocationTests
{
    [Fact]
    public void The_fallback_allocates_nothing()
    {
        const string text = "Customer 5c7b6c43-8d7e-4e4b-9a59-6a0f9c0f2b11 isn't eligible for offer DZH318Z0BQ3Q in this market; the partner can't proceed.";
        Assert.True(Fallback.TryClassify(403, text, out var warm));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Fallback.TryClassify(403, text, out _);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(PartnerCenterErrorCategory.Eligibility, warm);
    }
}
