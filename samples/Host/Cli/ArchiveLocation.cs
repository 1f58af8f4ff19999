using ReasoningGraph.Archive;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Archive.S3;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// Opens the snapshot archive an <c>--archive</c> option names: <c>s3://bucket/prefix/</c> (endpoint, region and
/// credentials from the <c>S3_*</c> and AWS environment variables, as the service reads them) or a directory (a path or
/// <c>file://</c> URI) of the filesystem archive.
/// </summary>
internal static class ArchiveLocation
{
    public static ISnapshotArchive Open(string location)
    {
        if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.Scheme == "s3")
        {
            S3ArchiveOptions options;
            try
            {
                options = S3ArchiveOptions.FromEnvironment();
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }

            options.Bucket = uri.Host;
            if (uri.AbsolutePath.Trim('/') is { Length: > 0 } prefix)
            {
                options.Prefix = prefix + "/";
            }

            return new S3SnapshotArchive(options);
        }

        string directory = uri is { IsFile: true } ? uri.LocalPath : location;
        return Directory.Exists(directory)
            ? new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = directory })
            : throw new UsageException($"--archive: '{location}' is neither an s3:// URI nor an existing archive directory.");
    }
}
