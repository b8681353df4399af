// Every test class of this assembly runs alone: the fault tests attach process-wide listeners that throw, and the
// memory and timing figures must not see another test's allocations or threads. (Other test assemblies run in other
// processes, so they do not disturb these.)
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace PartnerCenter.Observability.Hardening.Tests.Infrastructure;

/// <summary>The tests that attach process-wide listeners which throw: never run beside anything else.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListeners
{
    public const string Name = "Process-wide listeners";
}
