using PartnerCenter.Observability.Simulator.Scenarios;

namespace PartnerCenter.Observability.Simulator.Outcomes;

/// <summary>Put on each request's features by the pipeline, so that routes can derive new ids from the seed and sequence.</summary>
/// <param name="Seed">The simulator's seed.</param>
/// <param name="Sequence">The request's sequence number.</param>
internal sealed record SimulatorRequestFeature(int Seed, long Sequence)
{
    /// <summary>A stream of numbers for the route's body (ids, picks), distinct from the scenario's draws.</summary>
    public DeterministicRandom CreateRandom() => new(Seed, -4, Sequence);
}
