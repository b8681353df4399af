namespace PartnerCenter.Observability.EndToEnd.Tests.Infrastructure;

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PartnerCenter.Observability.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PartnerCenter.Observability.sln not found above " + AppContext.BaseDirectory);
    }
}
