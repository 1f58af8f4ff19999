using Microsoft.Extensions.DependencyInjection.Extensions;
using ReasoningGraph.Archive;
using ReasoningGraph.Archive.FileSystem;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the write-once <see cref="ISnapshotArchive"/> of the Reasoning Graph (one per container).</summary>
public static class ReasoningGraphBuilderArchiveExtensions
{
    /// <summary>Archives signed snapshots as read-only files in a directory (the embedded default).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">The archive directory; created when missing.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UseFileSystemArchive(this ReasoningGraphBuilder builder, string directory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return builder.UseArchive(_ => new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = directory }));
    }

    /// <summary>Uses an archive built by a factory (singleton), replacing any archive chosen before.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Builds the archive.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UseArchive(this ReasoningGraphBuilder builder, Func<IServiceProvider, ISnapshotArchive> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }
}
