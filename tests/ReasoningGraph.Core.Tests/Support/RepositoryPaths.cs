namespace ReasoningGraph.Tests.Support;

/// <summary>Locates the repository, its own vectors, and the shared corpora beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The project's frozen vectors (<c>vectors/</c>).</summary>
    public static string Vectors => Path.Combine(Root, "vectors");

    /// <summary>
    /// The shared corpora: <c>RG_SHARED_VECTORS</c> when set, else <c>../shared/vectors</c> beside the repository.
    /// </summary>
    public static string SharedVectors =>
        Environment.GetEnvironmentVariable("RG_SHARED_VECTORS") is { Length: > 0 } path
            ? path
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "vectors"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReasoningGraph.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
