using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace PartnerCenter.Observability.Packaging.Tests.Infrastructure;

/// <summary>
/// Packs the solution once for the test class, as a user does before the packages are published (<c>eng/pack.sh</c>,
/// which runs <c>dotnet pack PartnerCenter.Observability.sln -c Release -o &lt;folder&gt;</c>), into a temporary folder
/// outside the repository, with its own build output (<c>--artifacts-path</c>) so that the repository's bin and obj
/// folders, which other test assemblies use while this runs, are not touched.
/// </summary>
public sealed partial class PackedSolution : IAsyncLifetime
{
    private readonly StringBuilder _log = new();

    /// <summary>The repository root (the folder of PartnerCenter.Observability.sln).</summary>
    public string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>A fresh temporary folder, outside the repository, removed at the end.</summary>
    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "pco-packaging-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The folder the packages were packed into: the "local feed".</summary>
    public string Feed => Path.Combine(WorkRoot, "feed");

    /// <summary>The NuGet packages folder of the consumer: empty at the start, so nothing stale is ever used.</summary>
    public string ConsumerPackagesFolder => Path.Combine(WorkRoot, "packages");

    /// <summary>Every project under src/, by name: each must be packed, and nothing else may be.</summary>
    public IReadOnlyList<string> ExpectedPackageIds { get; private set; } = [];

    /// <summary>The packages, by id (the .nupkg paths).</summary>
    public IReadOnlyDictionary<string, string> Packages { get; private set; } = new Dictionary<string, string>();

    /// <summary>Every file the pack wrote into the feed.</summary>
    public IReadOnlyList<string> FeedFiles { get; private set; } = [];

    /// <summary>The one version of all packages (MinVer, from the git tags).</summary>
    public string Version { get; private set; } = "";

    /// <summary>The commit the repository is at, when git can tell.</summary>
    public string? HeadCommit { get; private set; }

    /// <summary>Whether the repository has a tag v* (when it has none, the version is 0.1.0-alpha.0.N).</summary>
    public bool HasVersionTags { get; private set; }

    public string PackDuration { get; private set; } = "";

    /// <summary>What the fixture did, with timings, for the test output.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The library packages that were packed (not the tool).</summary>
    public IEnumerable<string> LibraryPackageIds => Packages.Keys.Where(id => !IsTool(id)).Order(StringComparer.Ordinal);

    public static bool IsTool(string id) => id.EndsWith(".Cli", StringComparison.Ordinal);

    public void Write(string line)
    {
        lock (_log)
        {
            _log.Append(DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append(' ').AppendLine(line);
        }
    }

    public async ValueTask InitializeAsync()
    {
        Assert.False(
            Path.GetFullPath(WorkRoot).StartsWith(Path.GetFullPath(RepositoryRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"The temporary folder {WorkRoot} must be outside the repository, so that nothing there inherits the repository's Directory.*.props.");
        Directory.CreateDirectory(WorkRoot);

        // Nothing under the work root may inherit a Directory.Build.props or central package versions from a folder
        // above it: these empty files end MSBuild's search here.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(WorkRoot, name), "<Project />\n");
        }

        ExpectedPackageIds = Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        var git = await GitAsync("rev-parse", "HEAD");
        HeadCommit = git is { ExitCode: 0 } ? git.Output.Trim() : null;
        var tags = await GitAsync("tag", "--list", "v*", "--merged", "HEAD");
        HasVersionTags = tags is { ExitCode: 0 } && !string.IsNullOrWhiteSpace(tags.Output);

        var pack = await Dotnet.RunCheckedAsync(
            "pack",
            RepositoryRoot,
            [
                Path.Combine(RepositoryRoot, "eng", "pack.sh"),
                Feed,
                "--artifacts-path", Path.Combine(WorkRoot, "artifacts"),
                "--disable-build-servers",
                "-warnaserror",
                "-clp:ErrorsOnly;Summary",
            ],
            TimeSpan.FromMinutes(6),
            new Dictionary<string, string?> { ["PATH"] = Path.GetDirectoryName(Dotnet.Executable) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") },
            fileName: "bash");
        PackDuration = pack.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
        Write($"pack: {pack.Command} ({PackDuration})");

        FeedFiles = Directory.GetFiles(Feed).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        Write("feed: " + string.Join(", ", FeedFiles));
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        var versions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nupkg in Directory.GetFiles(Feed, "*.nupkg"))
        {
            var (id, version) = IdAndVersion(nupkg);
            packages[id] = nupkg;
            versions.Add(version);
        }

        Packages = packages;
        Version = versions.Count == 1 ? versions.Single() : string.Join(" / ", versions);
        Write($"version: {Version} (head {HeadCommit ?? "unknown"}, v* tags: {(HasVersionTags ? "yes" : "none")})");
    }

    public ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("PCO_PACKAGING_KEEP") != "1")
        {
            try
            {
                Directory.Delete(WorkRoot, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The environment of every consumer-side command: the consumer's own, empty packages folder.</summary>
    public Dictionary<string, string?> ConsumerEnvironment() => new(StringComparer.Ordinal)
    {
        ["NUGET_PACKAGES"] = ConsumerPackagesFolder,
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null,
        ["OTEL_SERVICE_NAME"] = null,
    };

    public static XElement Nuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    public static IReadOnlyList<string> Entries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    public static string ReadEntry(string package, string name)
    {
        using var zip = ZipFile.OpenRead(package);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static (string Id, string Version) IdAndVersion(string nupkg)
    {
        var metadata = Nuspec(nupkg).Elements().Single(e => e.Name.LocalName == "metadata");
        return (metadata.Elements().Single(e => e.Name.LocalName == "id").Value, metadata.Elements().Single(e => e.Name.LocalName == "version").Value);
    }

    private async Task<CommandResult?> GitAsync(params string[] arguments)
    {
        try
        {
            return await Dotnet.RunProcessAsync("git", "git", RepositoryRoot, arguments, TimeSpan.FromMinutes(1));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // no git: MinVer then says so and the version is 0.1.0-alpha.0
        }
    }

    internal static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerCenter.Observability.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository: PartnerCenter.Observability.sln was not found above " + AppContext.BaseDirectory);
    }
}
