namespace PartnerCenter.Observability.Simulator.Scenarios;

/// <summary>
/// Plans the outcome of a request. A pure function of (seed, scenario, sequence number): the server calls it for every
/// request that does not force its outcome, and tests call it without HTTP.
/// </summary>
internal static class PartnerCenterScenarioPlan
{
    /// <summary>The shortest <c>Retry-After</c> a throttled response asks for, in seconds.</summary>
    public const int MinRetryAfterSeconds = 1;

    /// <summary>The longest <c>Retry-After</c> a throttled response asks for, in seconds.</summary>
    public const int MaxRetryAfterSeconds = 10;

    /// <summary>Decides what the server does with the request numbered <paramref name="sequence"/>.</summary>
    /// <param name="seed">The simulator's seed.</param>
    /// <param name="scenario">The scenario in force when the request arrived.</param>
    /// <param name="sequence">The request's sequence number (1 for the first request the server saw).</param>
    /// <returns>The outcome; always the same for the same arguments.</returns>
    public static SimulatedOutcome Decide(int seed, PartnerCenterScenario scenario, long sequence)
    {
        var slices = ScenarioMixes.For(scenario);
        var random = new DeterministicRandom(seed, (int)scenario, sequence);

        // The draws are made in a fixed order whatever the slice, so that each one depends only on the key.
        var roll = random.Next(ScenarioMixes.Total);
        var pick = random.NextUInt64();
        var codeAsString = random.NextBool();
        var retryAfterSeconds = MinRetryAfterSeconds + random.Next(MaxRetryAfterSeconds - MinRetryAfterSeconds + 1);
        var entropy = random.NextUInt64();

        var slice = Pick(slices, roll);
        if (slice.Kind == OutcomeKind.Success)
        {
            return SimulatedOutcome.Success(entropy);
        }

        var error = slice.Errors.Count == 0 ? null : slice.Errors[(int)(pick % (ulong)slice.Errors.Count)];
        var code = slice.Kind == OutcomeKind.Throttled ? "429" : error?.Code;
        var retryAfter = slice.Kind == OutcomeKind.Throttled
            ? (sequence % 2 == 0 ? RetryAfterForm.Seconds : RetryAfterForm.HttpDate)
            : RetryAfterForm.None;

        return new SimulatedOutcome(
            slice.Kind,
            slice.StatusCode,
            slice.Category,
            error,
            code,
            codeAsString,
            retryAfter,
            retryAfter == RetryAfterForm.None ? 0 : retryAfterSeconds,
            entropy);
    }

    private static OutcomeSlice Pick(IReadOnlyList<OutcomeSlice> slices, int roll)
    {
        foreach (var slice in slices)
        {
            if (roll < slice.BasisPoints)
            {
                return slice;
            }

            roll -= slice.BasisPoints;
        }

        throw new InvalidOperationException("A scenario's mix does not add up to 10,000 basis points.");
    }
}
