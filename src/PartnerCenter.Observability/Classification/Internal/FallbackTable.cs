namespace PartnerCenter.Observability.Classification;

/// <summary>
/// A learned fallback's tables (<see cref="FallbackModel"/>): the sorted feature hashes, where each run of hashes that
/// share their top <see cref="BucketBits"/> bits starts, the per-class weights of each hash and the class priors. A
/// feature is found in its run (about one hash long) instead of by a binary search over all of them.
/// </summary>
internal readonly ref struct FallbackTable(ReadOnlySpan<ulong> keys, ReadOnlySpan<ushort> starts, ReadOnlySpan<int> weights, ReadOnlySpan<int> priors)
{
    /// <summary>How many top bits of a hash name its run: 4,096 runs for about 2,000 hashes.</summary>
    public const int BucketBits = 12;

    public ReadOnlySpan<int> Weights { get; } = weights;

    public ReadOnlySpan<int> Priors { get; } = priors;

    private ReadOnlySpan<ulong> Keys { get; } = keys;

    private ReadOnlySpan<ushort> Starts { get; } = starts;

    /// <summary>The index of a feature among the keys, or -1.</summary>
    public int IndexOf(ulong feature)
    {
        var bucket = (int)(feature >> (64 - BucketBits));
        var keys = Keys;
        for (int i = Starts[bucket], end = Starts[bucket + 1]; i < end; i++)
        {
            // About one key per run: a plain loop, cheaper than a vectorised search's setup.
            if (keys[i] == feature)
            {
                return i;
            }
        }

        return -1;
    }
}
