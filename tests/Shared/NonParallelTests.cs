namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>Tests that attach process-wide listeners which throw run in this collection, alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NonParallelTests
{
    public const string Name = "Non-parallel";
}
