using System.Text.RegularExpressions;
using PartnerCenter.Observability.Docs.Tests.Infrastructure;

namespace PartnerCenter.Observability.Docs.Tests.Architecture;

/// <summary>
/// No shipped code reaches into framework internals: no type loaded or matched by its name, no instance created from a
/// type found at run time, no non-public member read. Such code breaks silently on a framework update and under
/// trimming and native AOT. Every C# file under src is scanned; the one allowed exception is listed with its reason.
/// </summary>
public sealed partial class NoFrameworkReflectionTests
{
    /// <summary>Files allowed to use reflection, and why: the allowlist is short and every entry is argued.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // Recognises the Partner Center SDK's exception without referencing that SDK: it reads public properties of a
        // third-party type (not the runtime's or a framework's), and a trimmed property only means "not recognised".
        ["src/PartnerCenter.Observability/Exceptions/Internal/PartnerSdkExceptionShape.cs"] = "Partner Center SDK public surface",
    };

    [Fact]
    public void No_source_file_reflects_into_framework_internals()
    {
        var src = RepositoryRoot.File("src");
        var findings = new List<string>();
        var scanned = 0;
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
            {
                continue;
            }

            scanned++;
            if (Allowed.ContainsKey(relative))
            {
                continue;
            }

            findings.AddRange(Find(File.ReadAllText(file)).Select(f => $"{relative}: {f}"));
        }

        Assert.True(scanned > 100, $"only {scanned} source files found under {src}");
        Assert.True(findings.Count == 0, "Reflection into framework internals:\n" + string.Join('\n', findings));
    }

    [Fact]
    public void Every_allowlisted_file_exists_and_still_needs_its_entry()
    {
        foreach (var relative in Allowed.Keys)
        {
            var path = RepositoryRoot.File(relative);
            Assert.True(File.Exists(path), $"{relative} is allowlisted but gone: drop the entry");
            Assert.NotEmpty(Find(File.ReadAllText(path)));
        }
    }

    /// <summary>The code this rule removed, and the other shapes of the same class: the scanner must flag each.</summary>
    [Theory]
    [InlineData("""var type = typeof(LoggerFactory).Assembly.GetType("Microsoft.Extensions.Logging.LoggerFactoryScopeProvider", throwOnError: false);""")]
    [InlineData("""if (type is not null && Activator.CreateInstance(type, options) is IExternalScopeProvider provider)""")]
    [InlineData("""if (descriptor.ServiceType.Name == "IConfigureMeterProviderBuilder")""")]
    [InlineData("""if (descriptor.ImplementationType?.FullName != "OpenTelemetry.Metrics.MeterProviderBuilderSdk")""")]
    [InlineData("""var type = Type.GetType("System.Net.Http.DiagnosticsHandler, System.Net.Http");""")]
    [InlineData("""var field = typeof(Exception).GetField("_innerException", BindingFlags.Instance | BindingFlags.NonPublic);""")]
    [InlineData("""[UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_providers")]""")]
    [InlineData("""var method = handler.GetType().GetMethod("SendAsync");""")]
    [InlineData("""var all = typeof(HttpClient).Assembly.GetTypes();""")]
    [InlineData("""var generic = typeof(List<>).MakeGenericType(runtimeType);""")]
    public void The_scanner_flags_reflection_into_internals(string code) =>
        Assert.NotEmpty(Find(code));

    [Theory]
    [InlineData("""var isOurChild = data.Parent?.Source.Name == PartnerCenterTelemetryNames.SourceName;""")]
    [InlineData("""if (inner.ServiceType == typeof(ILoggerFactory) && !inner.IsKeyedService)""")]
    [InlineData("""RedactingHttpClientLog.RequestFailed(_logger, elapsed, exception.GetType().Name);""")]
    [InlineData("""var scratch = new ServiceCollection(); scratch.ConfigureOpenTelemetryMeterProvider(Configure);""")]
    public void The_scanner_leaves_typed_code_alone(string code) =>
        Assert.Empty(Find(code));

    private static List<string> Find(string code) =>
        Forbidden().Matches(code).Select(m => m.Value).ToList();

    // A type loaded, enumerated or matched by name; an instance of a run-time-found type; a member looked up by name;
    // a non-public member or an unsafe accessor.
    [GeneratedRegex("""
        \bGetType\s*\(\s*"
        | \bType\.GetType\s*\(
        | \bAssembly\.Load\w*\s*\(
        | \.GetTypes\s*\(
        | \bActivator\.CreateInstance\b
        | \bMakeGeneric(?:Type|Method)\s*\(
        | \bBindingFlags\.NonPublic\b
        | \bUnsafeAccessor\b
        | \.(?:GetField|GetFields|GetProperty|GetProperties|GetMethod|GetMethods|GetMember|GetMembers|InvokeMember|GetNestedType)\s*\(
        | \b(?:Name|FullName|AssemblyQualifiedName)\s*[!=]=\s*"
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Forbidden();
}
