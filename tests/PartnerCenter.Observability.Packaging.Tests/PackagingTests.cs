using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerCenter.Observability.Packaging.Tests.Infrastructure;
using PartnerCenter.Observability.Tests.Infrastructure;

namespace PartnerCenter.Observability.Packaging.Tests;

/// <summary>
/// "A team adopts it in ten minutes": the solution packs into one package per project under src/ (with README,
/// licence, symbols and a version from git), and a fresh <c>dotnet new web</c> app outside the repository, taking our
/// packages only from that folder, restores, builds and runs with <c>builder.AddPartnerCenterTelemetry()</c> against
/// the simulator package, and exports a span with the Partner Center error code over OTLP. Each failure names its
/// step: pack, new, configure sources, add package, restore, build, run, tool install, assert.
/// </summary>
public sealed partial class PackagingTests(PackedSolution packed, ITestOutputHelper output) : IClassFixture<PackedSolution>
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_solution_packs_one_package_and_one_symbols_package_per_src_project_and_nothing_else()
    {
        output.WriteLine(packed.Log);
        Assert.NotEmpty(packed.ExpectedPackageIds);
        var missing = packed.ExpectedPackageIds.Except(packed.Packages.Keys).ToList();
        var extra = packed.Packages.Keys.Except(packed.ExpectedPackageIds).ToList();
        Assert.True(missing.Count == 0, $"Not packed: {string.Join(", ", missing)}. Every project under src/ ships: put it in PartnerCenter.Observability.sln and mark it <IsShippedLibrary>true</IsShippedLibrary> (or IsPackable, for a tool).");
        Assert.True(extra.Count == 0, $"Packed but not a project under src/: {string.Join(", ", extra)}. Tests, benchmarks and samples are never packed.");
        var expectedFiles = packed.ExpectedPackageIds
            .SelectMany(id => new[] { $"{id}.{packed.Version}.nupkg", $"{id}.{packed.Version}.snupkg" })
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedFiles, packed.FeedFiles);
    }

    [Fact]
    public void The_version_comes_from_git_tags_and_is_0_1_0_alpha_without_one()
    {
        output.WriteLine(packed.Log);
        Assert.DoesNotContain(" / ", packed.Version, StringComparison.Ordinal);   // one version for all packages
        Assert.NotEqual("1.0.0", packed.Version);                                 // the SDK's default: MinVer did not run
        Assert.Matches(SemVer(), packed.Version);
        if (!packed.HasVersionTags)
        {
            Assert.Matches(UntaggedVersion(), packed.Version);
        }
    }

    [Fact]
    public void Every_package_has_a_readme_with_its_install_command_a_licence_the_commit_symbols_and_tracked_public_api()
    {
        output.WriteLine(packed.Log);
        foreach (var (id, nupkg) in packed.Packages)
        {
            var metadata = PackedSolution.Nuspec(nupkg).Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.False(string.IsNullOrWhiteSpace(Value("description")), $"{id}: no description");
            Assert.Equal("README.md", Value("readme"));
            var readme = PackedSolution.ReadEntry(nupkg, "README.md");
            var install = PackedSolution.IsTool(id) ? $"dotnet tool install --global {id}" : $"dotnet add package {id}";
            Assert.True(readme.Contains(install, StringComparison.Ordinal), $"{id}: the package README does not show `{install}`");

            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal("expression", license.Attribute("type")?.Value);
            Assert.Equal("MIT", license.Value);

            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", repository.Attribute("type")?.Value);
            if (packed.HeadCommit is not null)
            {
                Assert.Equal(packed.HeadCommit, repository.Attribute("commit")?.Value);
            }

            // The repository URL comes from PartnerCenterRepositoryUrl only: never a clone's local path.
            if (repository.Attribute("url")?.Value is { } url)
            {
                Assert.StartsWith("https://", url, StringComparison.Ordinal);
            }

            var entries = PackedSolution.Entries(nupkg);
            var symbols = PackedSolution.Entries(Path.ChangeExtension(nupkg, ".snupkg"));
            var pdbs = symbols.Where(e => e.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(pdbs);
            Assert.All(pdbs, pdb => Assert.Contains(Path.ChangeExtension(pdb, ".dll"), entries));

            var project = Path.Combine(packed.RepositoryRoot, "src", id);
            if (PackedSolution.IsTool(id))
            {
                Assert.Contains(metadata.Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");
                Assert.Contains(entries, e => e.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains($"lib/net10.0/{id}.dll", entries);
                Assert.Contains($"lib/net10.0/{id}.xml", entries);
                Assert.True(File.Exists(Path.Combine(project, "PublicAPI.Shipped.txt")) && File.Exists(Path.Combine(project, "PublicAPI.Unshipped.txt")), $"{id}: the public API of a shipped library is tracked in PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt");
            }
        }

        // Not a silent partial pass: everything else was checked; the commit needs git and a clone.
        Assert.SkipWhen(packed.HeadCommit is null, "git is not available or this is not a git clone: each nuspec's repository commit was not checked against HEAD.");
    }

    [Fact]
    public async Task A_fresh_web_app_outside_the_repository_uses_the_packages_and_exports_a_classified_span()
    {
        var app = Path.Combine(packed.WorkRoot, "consumer", "app");
        var environment = packed.ConsumerEnvironment();
        try
        {
            await Dotnet.RunCheckedAsync("new", packed.WorkRoot, ["new", "web", "-o", app, "-n", "ConsumerApp", "--no-restore", "--no-update-check"], StepTimeout, environment);

            // The README's path, as written there: its nuget.config (the folder eng/pack.sh filled as one more source)
            // and its `dotnet add package ... --prerelease`, which restores; the other packages then by version.
            await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), ReadmeInstall.NuGetConfig(packed.RepositoryRoot, packed.Feed));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "ConsumerApp", "Program.cs"), Path.Combine(app, "Program.cs"), overwrite: true);
            var readmeAdd = await Dotnet.RunCheckedAsync("add package (README)", app, ReadmeInstall.Arguments(packed.RepositoryRoot, "dotnet add package PartnerCenter.Observability.Hosting --prerelease", packed.Feed), StepTimeout, environment);
            packed.Write($"add package, as in the README: {Seconds(readmeAdd)}");
            foreach (var id in packed.LibraryPackageIds.Where(id => id != "PartnerCenter.Observability.Hosting"))
            {
                await Dotnet.RunCheckedAsync("add package", app, ["add", "package", id, "--version", packed.Version, "--no-restore"], StepTimeout, environment);
            }

            var restore = await Dotnet.RunCheckedAsync("restore", app, ["restore", "--disable-build-servers"], StepTimeout, environment);
            packed.Write($"restore: {Seconds(restore)}");
            AssertRestoredFromTheFeed(restore);

            var build = await Dotnet.RunCheckedAsync("build", app, ["build", "-c", "Release", "--no-restore", "--disable-build-servers", "-nologo", "-warnaserror"], StepTimeout, environment);
            packed.Write($"build: {Seconds(build)}");

            await using var dashboard = OperatingSystem.IsLinux() && File.Exists(AspireDashboard.ExecutablePath) ? await AspireDashboard.StartAsync() : null;
            var serviceName = "pco-consumer-" + Guid.NewGuid().ToString("N")[..8];
            var runEnvironment = new Dictionary<string, string?>(environment, StringComparer.Ordinal)
            {
                ["OTEL_SERVICE_NAME"] = serviceName,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard?.OtlpGrpcEndpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = dashboard is null ? null : "grpc",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            };
            var run = await Dotnet.RunCheckedAsync("run", app, [Path.Combine(app, "bin", "Release", "net10.0", "ConsumerApp.dll")], TimeSpan.FromMinutes(1), runEnvironment);
            packed.Write($"run: {Seconds(run)}");

            AssertStep(run, run.Output.Contains("STATUS 403", StringComparison.Ordinal), "the app did not get the simulator's 403");
            AssertStep(run, run.Output.Contains("SPAN POST /v1/customers/{customer_id}/orders partner_center.error.code=800020 partner_center.error.category=eligibility", StringComparison.Ordinal), "no Partner Center span with partner_center.error.code=800020 (eligibility) ended in the app");
            AssertStep(run, run.Output.Contains("EXCEPTION code=800020 category=eligibility retryable=False", StringComparison.Ordinal), "EnsurePartnerCenterSuccessAsync did not throw the classified PartnerCenterException");
            AssertStep(run, run.Output.Contains("SERILOG partner_center.error.code=\"800020\"", StringComparison.Ordinal), "the Serilog enricher did not add partner_center.error.code");
            AssertStep(run, run.Output.Contains("DONE", StringComparison.Ordinal), "the app did not finish");

            // Not a silent partial pass: without the receiver the test reports itself skipped (and under CI=true the test
            // command fails on any skip).
            Assert.SkipWhen(dashboard is null, $"The Aspire dashboard ({AspireDashboard.ExecutablePath}) is not available (linux-x64 only): the app's own output was checked, the OTLP export was not.");

            using var spans = await dashboard.WaitForAsync("api/telemetry/spans", d => HasErrorSpan(d, serviceName));
            AssertStep(run, HasErrorSpan(spans, serviceName), $"no span with partner_center.error.code=800020 from service {serviceName} arrived at the OTLP receiver (Aspire dashboard)");
            packed.Write("assert: the span with partner_center.error.code=800020 arrived over OTLP");
        }
        finally
        {
            output.WriteLine(packed.Log);
        }
    }

    [Fact]
    public async Task The_pc_errors_tool_installs_from_the_folder_and_explains_a_code()
    {
        var directory = Path.Combine(packed.WorkRoot, "tool");
        Directory.CreateDirectory(directory);
        var environment = packed.ConsumerEnvironment();
        try
        {
            // The README's line, as written there but for --tool-path in place of --global (nothing installed for the
            // machine's user), in a folder with no nuget.config: --add-source alone finds the tool.
            var toolPath = Path.Combine(packed.WorkRoot, "tools");
            var id = Assert.Single(packed.Packages.Keys, PackedSolution.IsTool);
            var arguments = ReadmeInstall.Arguments(packed.RepositoryRoot, $"dotnet tool install --global {id} --prerelease --add-source", packed.Feed)
                .SelectMany(a => a == "--global" ? new[] { "--tool-path", toolPath } : [a])
                .ToArray();
            var install = await Dotnet.RunCheckedAsync("tool install (README)", directory, arguments, StepTimeout, environment);
            packed.Write($"tool install: {Seconds(install)}");

            var explain = await Dotnet.RunCheckedAsync("run", directory, ["explain", "800020"], TimeSpan.FromMinutes(1), environment, Path.Combine(toolPath, OperatingSystem.IsWindows() ? "pc-errors.exe" : "pc-errors"));
            AssertStep(explain, explain.Output.Contains("eligibility", StringComparison.Ordinal), "pc-errors explain 800020 did not print the category");
        }
        finally
        {
            output.WriteLine(packed.Log);
        }
    }

    private void AssertRestoredFromTheFeed(CommandResult restore)
    {
        // NuGet records where each package came from: ours must come from the feed, into the consumer's own folder.
        foreach (var id in packed.LibraryPackageIds)
        {
            var metadata = Path.Combine(packed.ConsumerPackagesFolder, id.ToLowerInvariant(), packed.Version.ToLowerInvariant(), ".nupkg.metadata");
            AssertStep(restore, File.Exists(metadata), $"{id} {packed.Version} was not restored into the consumer's own packages folder ({metadata})");
            using var json = JsonDocument.Parse(File.ReadAllText(metadata));
            var source = json.RootElement.GetProperty("source").GetString();
            AssertStep(restore, string.Equals(Path.GetFullPath(source!), Path.GetFullPath(packed.Feed), StringComparison.Ordinal), $"{id} was restored from {source}, not from the packed folder");
        }
    }

    private static bool HasErrorSpan(JsonDocument spans, string serviceName) =>
        spans.RootElement.GetRawText().Contains(serviceName, StringComparison.Ordinal)
        && AspireDashboard.AttributeSets(spans).Any(a =>
            a.GetValueOrDefault("partner_center.error.code") == "800020"
            && a.GetValueOrDefault("partner_center.error.category") == "eligibility"
            && a.GetValueOrDefault("partner_center.operation") == "/v1/customers/{customer_id}/orders");

    private static void AssertStep(CommandResult result, bool condition, string why)
    {
        if (!condition)
        {
            throw Dotnet.StepFailed(result with { Step = "assert" }, why);
        }
    }

    private static string Seconds(CommandResult result) => result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();

    [GeneratedRegex(@"^0\.1\.0-alpha\.0(\.\d+)?$")]
    private static partial Regex UntaggedVersion();
}
