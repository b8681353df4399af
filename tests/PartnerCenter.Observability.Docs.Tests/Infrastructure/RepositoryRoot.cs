namespace PartnerCenter.Observability.Docs.Tests.Infrastructure;

/// <summary>Finds the repository root: the folder above the test's output that holds the solution file.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "PartnerCenter.Observability.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository: PartnerCenter.Observability.sln was not found above " + AppContext.BaseDirectory);
    }
}
