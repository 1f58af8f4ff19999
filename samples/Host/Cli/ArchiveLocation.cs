using Amazon.S3;
using Microsoft.Extensions.Options;
using ReasoningGraph.Archive;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Archive.S3;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// An archive location on the command line: a local path, or <c>s3://bucket/key-or-prefix</c>. S3 connection settings
/// (endpoint, region, credentials, retention) come from the environment (<see cref="S3ArchiveOptions.FromEnvironment"/>:
/// <c>S3_ENDPOINT</c>, <c>S3_REGION</c>, <c>S3_ACCESS_KEY</c>, <c>S3_SECRET</c>, the AWS variables); the bucket is the URI's.
/// </summary>
internal sealed record ArchiveLocation(string Text, string? Bucket, string Path)
{
    public bool IsS3 => Bucket is not null;

    public static ArchiveLocation Parse(string text, string option)
    {
        if (!text.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return new ArchiveLocation(text, null, System.IO.Path.GetFullPath(text));
        }

        string rest = text["s3://".Length..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            throw new UsageException($"{option} '{text}' names no bucket: use s3://bucket/key.");
        }

        return new ArchiveLocation(text, bucket, slash < 0 ? "" : rest[(slash + 1)..]);
    }

    /// <summary>The S3 settings for this bucket; <paramref name="variablePrefix"/> names variables that override the plain ones (<c>AUDITOR_S3_ENDPOINT</c> over <c>S3_ENDPOINT</c>).</summary>
    public S3ArchiveOptions S3Options(string variablePrefix = "")
    {
        try
        {
            var options = S3ArchiveOptions.FromEnvironment(name =>
                (variablePrefix.Length > 0 ? Environment.GetEnvironmentVariable(variablePrefix + name) : null) is { Length: > 0 } value
                    ? value
                    : Environment.GetEnvironmentVariable(name));
            options.Bucket = Bucket!;
            options.Prefix = "";
            return options;
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// The snapshot archive at this location: for <c>s3://bucket/prefix/</c> the S3 archive (its key prefix is the URI's
    /// path), otherwise the filesystem archive in that existing directory (a path or <c>file://</c> URI).
    /// </summary>
    public ISnapshotArchive OpenSnapshotArchive(string option)
    {
        if (IsS3)
        {
            var options = S3Options();
            if (Path.Trim('/') is { Length: > 0 } prefix)
            {
                options.Prefix = prefix + "/";
            }

            return new S3SnapshotArchive(options);
        }

        string directory = Uri.TryCreate(Text, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : Path;
        return Directory.Exists(directory)
            ? new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = directory })
            : throw new UsageException($"{option}: '{Text}' is neither an s3:// URI nor an existing archive directory.");
    }

    public static IAmazonS3 CreateClient(S3ArchiveOptions options)
    {
        try
        {
            return S3ArchiveClient.Create(options);
        }
        catch (OptionsValidationException e)
        {
            throw new UsageException(string.Join(" ", e.Failures));
        }
    }
}
