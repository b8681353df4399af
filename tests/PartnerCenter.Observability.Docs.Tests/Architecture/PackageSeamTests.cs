using System.Diagnostics.Tracing;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PartnerCenter.Observability.Docs.Tests.Architecture;

/// <summary>
/// The shipped packages stand on each other's public API only: a user who upgrades one package alone cannot meet a
/// missing internal member at run time. Internal code they share is compiled into each (src/Shared).
/// </summary>
public sealed class PackageSeamTests
{
    public static TheoryData<string> ShippedAssemblies => new()
    {
        "PartnerCenter.Observability",
        "PartnerCenter.Observability.Hosting",
        "PartnerCenter.Observability.Resilience",
        "PartnerCenter.Observability.Serilog",
        "PartnerCenter.Observability.Simulator",
    };

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void Internals_are_visible_to_tests_and_benchmarks_only(string assemblyName)
    {
        var friends = Assembly.Load(assemblyName).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();
        Assert.All(friends, friend => Assert.True(
            friend.EndsWith(".Tests", StringComparison.Ordinal) || friend.EndsWith(".Benchmarks", StringComparison.Ordinal),
            $"{assemblyName} grants InternalsVisibleTo to {friend}, which ships: make the seam public or move the code to src/Shared."));
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void No_public_type_is_in_a_System_namespace(string assemblyName)
    {
        var misplaced = Assembly.Load(assemblyName).GetExportedTypes()
            .Where(t => t.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(misplaced.Count == 0, $"{assemblyName}: public types in System namespaces: {string.Join(", ", misplaced)}");
    }

    [Fact]
    public void Each_package_reports_faults_on_an_event_source_of_its_own_name()
    {
        // Two event sources of one name in a process: the second fails to register and its faults are lost.
        var names = new[] { "PartnerCenter.Observability", "PartnerCenter.Observability.Hosting", "PartnerCenter.Observability.Resilience" }
            .SelectMany(a => Assembly.Load(a).GetTypes().Where(t => t.IsSubclassOf(typeof(EventSource))).Select(t => (Assembly: a, Name: EventSource.GetName(t))))
            .ToList();
        Assert.Equal(3, names.Count);
        Assert.Equal(names.Count, names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.StartsWith("PartnerCenter-Observability", n.Name, StringComparison.Ordinal));
    }
}
