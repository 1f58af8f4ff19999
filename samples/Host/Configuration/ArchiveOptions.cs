using ReasoningGraph.Archive.S3;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// The snapshot archive: S3 with Object Lock when <c>S3_BUCKET</c> is set, else read-only files under
/// <c>ARCHIVE_DIR</c>. The S3 archive starts from the process environment (the library's
/// <see cref="S3ArchiveOptions.FromEnvironment"/>, AWS variables included); these settings, read from the whole
/// configuration, override it, so <c>--S3_…=value</c> works like the environment.
/// </summary>
internal sealed record ArchiveOptions
{
    /// <summary><c>S3_BUCKET</c>: archive to this bucket. Default: none, the filesystem archive.</summary>
    public string? S3Bucket { get; init; }

    /// <summary><c>S3_ENDPOINT</c>: an S3-compatible endpoint. Default: AWS.</summary>
    public Uri? S3Endpoint { get; init; }

    /// <summary><c>S3_REGION</c>. Default: the environment's, else the library's.</summary>
    public string? S3Region { get; init; }

    /// <summary><c>S3_ACCESS_KEY</c>. Default: the SDK's credential chain.</summary>
    public string? S3AccessKey { get; init; }

    /// <summary><c>S3_SECRET</c>, with <see cref="S3AccessKey"/>.</summary>
    public string? S3Secret { get; init; }

    /// <summary><c>S3_PREFIX</c>. Default: the library's.</summary>
    public string? S3Prefix { get; init; }

    /// <summary><c>S3_RETENTION_MODE</c>: COMPLIANCE or GOVERNANCE. Default: the library's.</summary>
    public S3RetentionMode? S3RetentionMode { get; init; }

    /// <summary><c>S3_RETENTION_DAYS</c>. Default: the library's.</summary>
    public TimeSpan? S3RetentionPeriod { get; init; }

    /// <summary><c>ARCHIVE_DIR</c> made absolute: the filesystem archive. Default: <c>&lt;DATA_DIR&gt;/archive</c>.</summary>
    public required string Directory { get; init; }

    public static ArchiveOptions Read(SettingsReader settings, StoreOptions store)
    {
        // A refused ARCHIVE_DIR stops start-up; the stand-in is never used.
        string directory = settings.FullPath("ARCHIVE_DIR", Path.Combine(store.DataDirectory, "archive")) ?? "archive";
        if (settings.Text("S3_BUCKET") is not { } bucket)
        {
            return new ArchiveOptions { Directory = directory };
        }

        return new ArchiveOptions
        {
            Directory = directory,
            S3Bucket = bucket,
            S3Endpoint = S3Setting(settings, "S3_ENDPOINT")?.ServiceUrl,
            S3Region = settings.Text("S3_REGION"),
            S3AccessKey = settings.Text("S3_ACCESS_KEY"),
            S3Secret = settings.Text("S3_SECRET"),
            S3Prefix = settings.Text("S3_PREFIX"),
            S3RetentionMode = S3Setting(settings, "S3_RETENTION_MODE")?.RetentionMode,
            S3RetentionPeriod = S3Setting(settings, "S3_RETENTION_DAYS")?.RetentionPeriod,
        };
    }

    /// <summary>
    /// One setting parsed by the library's own rules, so a bad value in the process environment, which the library
    /// reports too, gives the same words (and one line in the list, not two).
    /// </summary>
    private static S3ArchiveOptions? S3Setting(SettingsReader settings, string name)
    {
        if (settings.Text(name) is not { } text)
        {
            return null;
        }

        try
        {
            return S3ArchiveOptions.FromEnvironment(variable => variable == name ? text : null);
        }
        catch (FormatException e)
        {
            settings.Refuse(e.Message);
            return null;
        }
    }
}
