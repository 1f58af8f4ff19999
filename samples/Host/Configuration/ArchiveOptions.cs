using ReasoningGraph.Archive.S3;

namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// The two snapshot archives. Operator snapshots: S3 with Object Lock when <c>S3_BUCKET</c> is set, else read-only files
/// under <c>ARCHIVE_DIR</c>. Auditor (PII) snapshots, only ever to an archive of their own: <c>AUDITOR_S3_BUCKET</c>
/// (each <c>AUDITOR_S3_*</c> setting when set, else its <c>S3_*</c> one, as <c>export-snapshots</c> reads them), else
/// <c>AUDITOR_ARCHIVE_DIR</c>. The operator S3 archive starts from the process environment (the library's
/// <see cref="S3ArchiveOptions.FromEnvironment"/>, AWS variables included); these settings, read from the whole
/// configuration, override it, so <c>--S3_…=value</c> works like the environment.
/// </summary>
internal sealed record ArchiveOptions
{
    /// <summary><c>S3_*</c> with <c>S3_BUCKET</c>: the operator archive's bucket. Default: none, the filesystem archive.</summary>
    public S3Settings? S3 { get; init; }

    /// <summary><c>ARCHIVE_DIR</c> made absolute: the operator filesystem archive. Default: <c>&lt;DATA_DIR&gt;/archive</c>.</summary>
    public required string Directory { get; init; }

    /// <summary>The auditor archive's bucket, every setting resolved and checked; null for the filesystem archive.</summary>
    public S3ArchiveOptions? AuditorS3 { get; init; }

    /// <summary><c>AUDITOR_ARCHIVE_DIR</c> made absolute. Default: <c>&lt;DATA_DIR&gt;/archive-auditor</c>.</summary>
    public required string AuditorDirectory { get; init; }

    public static ArchiveOptions Read(SettingsReader settings, StoreOptions store, bool isDevelopment)
    {
        // A refused directory stops start-up; the stand-ins are never used.
        string directory = settings.FullPath("ARCHIVE_DIR", Path.Combine(store.DataDirectory, "archive")) ?? "archive";
        string auditorDirectory = settings.FullPath("AUDITOR_ARCHIVE_DIR", Path.Combine(store.DataDirectory, "archive-auditor")) ?? "archive-auditor";
        string? auditorBucket = settings.Text("AUDITOR_S3_BUCKET");
        var s3 = settings.Text("S3_BUCKET") is null && auditorBucket is null ? null : S3Settings.Read(settings, "");
        var options = new ArchiveOptions
        {
            S3 = s3?.Bucket is null ? null : s3,
            Directory = directory,
            AuditorS3 = auditorBucket is null ? null : AuditorBucket(settings, s3!),
            AuditorDirectory = auditorDirectory,
        };
        CheckSeparate(settings, options, isDevelopment);
        return options;
    }

    /// <summary>
    /// PII never shares the operator archive, and is never left to a default the operator did not choose. Outside
    /// Development, an operator archive chosen explicitly (<c>S3_BUCKET</c>, <c>ARCHIVE_DIR</c>) needs an auditor archive
    /// chosen explicitly too: falling back to <c>&lt;DATA_DIR&gt;/archive-auditor</c> would keep auditor evidence on a
    /// disk the deployment does not mean to keep (a pod's scratch volume), and leaving auditor snapshots unarchived
    /// would surface only as archive lag long after the fact. Refusing at start-up says so before a snapshot is taken,
    /// as <c>export-snapshots</c> refuses (<c>FORBIDDEN</c>) without <c>--auditor-to</c>.
    /// </summary>
    private static void CheckSeparate(SettingsReader settings, ArchiveOptions options, bool isDevelopment)
    {
        if (options.AuditorS3 is { } auditor)
        {
            if (options.S3 is { } own && own.Bucket == auditor.Bucket && own.Endpoint == auditor.ServiceUrl)
            {
                settings.Refuse("AUDITOR_S3_BUCKET must name another bucket than S3_BUCKET: auditor (PII) snapshots never go into the operator archive.");
            }

            return;
        }

        bool auditorChosen = settings.Text("AUDITOR_ARCHIVE_DIR") is not null;
        if (!auditorChosen && !isDevelopment && (options.S3 is not null || settings.Text("ARCHIVE_DIR") is not null))
        {
            string chosen = options.S3 is null ? "ARCHIVE_DIR" : "S3_BUCKET";
            settings.Refuse($"{chosen} is set but no archive for auditor (PII) snapshots is: set AUDITOR_S3_BUCKET (with AUDITOR_S3_* "
                + "for its own credentials and retention) or AUDITOR_ARCHIVE_DIR; auditor snapshots never go into the operator archive.");
        }
        else if (options.S3 is null && SamePath(options.Directory, options.AuditorDirectory))
        {
            settings.Refuse("AUDITOR_ARCHIVE_DIR must differ from ARCHIVE_DIR: auditor (PII) snapshots never go into the operator archive.");
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);

    /// <summary>
    /// The auditor bucket's settings: <c>AUDITOR_S3_*</c> over <c>S3_*</c>. The access key pair is taken together,
    /// so half an auditor pair is refused rather than completed with the operator's half.
    /// </summary>
    private static S3ArchiveOptions AuditorBucket(SettingsReader settings, S3Settings fallback)
    {
        var own = S3Settings.Read(settings, "AUDITOR_");
        bool ownKeys = own.AccessKey is not null || own.Secret is not null;
        var options = S3ArchiveOptions.FromEnvironment(name => name.StartsWith("AWS_", StringComparison.Ordinal) ? settings.Text(name) : null);
        options.Bucket = own.Bucket!;
        options.ServiceUrl = own.Endpoint ?? fallback.Endpoint;
        options.Region = own.Region ?? fallback.Region ?? options.Region;
        options.AccessKey = ownKeys ? own.AccessKey : fallback.AccessKey;
        options.SecretKey = ownKeys ? own.Secret : fallback.Secret;
        options.Prefix = own.Prefix ?? fallback.Prefix ?? options.Prefix;
        options.RetentionMode = own.RetentionMode ?? fallback.RetentionMode ?? options.RetentionMode;
        options.RetentionPeriod = own.RetentionPeriod ?? fallback.RetentionPeriod ?? options.RetentionPeriod;
        foreach (string problem in new S3ArchiveOptionsValidator().Validate(null, options).Failures ?? [])
        {
            // The library names the S3_* settings; these values came from the auditor's.
            settings.Refuse(problem.Replace("S3_", "AUDITOR_S3_", StringComparison.Ordinal));
        }

        return options;
    }
}

/// <summary>One family of S3 settings (<c>S3_*</c> or <c>AUDITOR_S3_*</c>) as written; null where unset.</summary>
internal sealed record S3Settings
{
    public string? Bucket { get; init; }

    public Uri? Endpoint { get; init; }

    public string? Region { get; init; }

    public string? AccessKey { get; init; }

    public string? Secret { get; init; }

    public string? Prefix { get; init; }

    public S3RetentionMode? RetentionMode { get; init; }

    public TimeSpan? RetentionPeriod { get; init; }

    /// <param name="settings">The configuration.</param>
    /// <param name="family">"" for <c>S3_*</c>, <c>AUDITOR_</c> for <c>AUDITOR_S3_*</c>.</param>
    public static S3Settings Read(SettingsReader settings, string family) => new()
    {
        Bucket = settings.Text(family + "S3_BUCKET"),
        Endpoint = Parsed(settings, family, "S3_ENDPOINT")?.ServiceUrl,
        Region = settings.Text(family + "S3_REGION"),
        AccessKey = settings.Text(family + "S3_ACCESS_KEY"),
        Secret = settings.Text(family + "S3_SECRET"),
        Prefix = settings.Text(family + "S3_PREFIX"),
        RetentionMode = Parsed(settings, family, "S3_RETENTION_MODE")?.RetentionMode,
        RetentionPeriod = Parsed(settings, family, "S3_RETENTION_DAYS")?.RetentionPeriod,
    };

    /// <summary>
    /// One setting parsed by the library's own rules, so a bad value in the process environment, which the library
    /// reports too, gives the same words (and one line in the list, not two).
    /// </summary>
    private static S3ArchiveOptions? Parsed(SettingsReader settings, string family, string name)
    {
        if (settings.Text(family + name) is not { } text)
        {
            return null;
        }

        try
        {
            return S3ArchiveOptions.FromEnvironment(variable => variable == name ? text : null);
        }
        catch (FormatException e)
        {
            settings.Refuse(family + e.Message); // the library's message starts with the S3_* name
            return null;
        }
    }
}
