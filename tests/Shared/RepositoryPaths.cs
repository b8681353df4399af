namespace PartnerCenter.Observability.Tests.Infrastructure;

/// <summary>Finds the repository root and the shared reference folder beside it.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared reference folder, which CI places beside the clone; a user's clone may not have it.</summary>
    public static string ReferenceDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    public static string ReferenceFile(string name)
    {
        var path = Path.Combine(ReferenceDirectory, name);
        if (!File.Exists(path) && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new FileNotFoundException($"CI=true but the shared reference file is missing: expected ../shared/reference/{name} beside the clone.", path);
        }

        Assert.SkipUnless(File.Exists(path), $"The shared reference file '{name}' is not beside this clone (expected ../shared/reference/{name}); CI always has it.");
        return path;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerCenter.Observability.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository: PartnerCenter.Observability.sln was not found above " + AppContext.BaseDirectory);
    }
}
