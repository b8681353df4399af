using System.Reflection;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Docs.Tests.Infrastructure;

namespace PartnerCenter.Observability.Docs.Tests;

/// <summary>
/// The README's install table sends a reader to the package that has what the row names: each <c>Method()</c> in a
/// row's "For" column is a public method of that package's assembly or of one it brings (its references).
/// </summary>
public sealed partial class InstallTableTests
{
    private static readonly string[] Libraries =
    [
        "PartnerCenter.Observability", "PartnerCenter.Observability.Hosting", "PartnerCenter.Observability.Serilog",
        "PartnerCenter.Observability.Resilience", "PartnerCenter.Observability.Simulator",
    ];

    [Fact]
    public void Each_method_named_in_the_install_table_is_in_the_package_of_its_row()
    {
        var rows = InstallRows();
        Assert.Contains(rows, r => r.Package == "PartnerCenter.Observability.Hosting" && r.Methods.Contains("AddPartnerCenterLogEnrichment"));

        foreach (var (package, methods) in rows.Where(r => Libraries.Contains(r.Package)))
        {
            var assembly = Assembly.Load(package);
            var brought = assembly.GetReferencedAssemblies().Select(a => a.Name).Append(package).ToHashSet();
            foreach (var method in methods)
            {
                var definedIn = Libraries.Where(l => PublicMethods(Assembly.Load(l)).Contains(method)).ToList();
                Assert.True(
                    definedIn.Exists(brought.Contains),
                    $"README's install table names {method}() for {package}, but it is defined in: {string.Join(", ", definedIn.DefaultIfEmpty("no library"))}.");
            }
        }
    }

    private static List<(string Package, List<string> Methods)> InstallRows()
    {
        var readme = File.ReadAllLines(RepositoryRoot.File("README.md"));
        var start = Array.FindIndex(readme, l => l.StartsWith("## Install", StringComparison.Ordinal));
        return readme.Skip(start)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && cells[1].StartsWith('`'))
            .Select(cells => (cells[1].Trim('`'), MethodCall().Matches(cells[2]).Select(m => m.Groups[1].Value).ToList()))
            .ToList();
    }

    private static HashSet<string> PublicMethods(Assembly assembly) =>
        assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"(\w+)\(\)")]
    private static partial Regex MethodCall();
}
