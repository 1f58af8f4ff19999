namespace ReasoningGraph.Archive.S3;

/// <summary>
/// Settings of <see cref="S3SnapshotArchive"/>. <see cref="FromEnvironment"/> reads them from <c>S3_*</c> and the
/// standard AWS variables. Validated when the archive is built (<see cref="S3ArchiveOptionsValidator"/>).
/// </summary>
public sealed class S3ArchiveOptions
{
    /// <summary>The S3 endpoint URL for S3-compatible servers (<c>S3_ENDPOINT</c>, for example <c>http://127.0.0.1:7480</c>). Default: null, AWS S3 in <see cref="Region"/>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The bucket (<c>S3_BUCKET</c>). It must have Object Lock enabled. No default: required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The region (<c>S3_REGION</c>, else <c>AWS_REGION</c> or <c>AWS_DEFAULT_REGION</c>). Default: <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key id (<c>S3_ACCESS_KEY</c>). Default: null, the SDK's default credential chain (<c>AWS_ACCESS_KEY_ID</c>, profiles, instance roles).</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key (<c>S3_SECRET</c>), used with <see cref="AccessKey"/>. Default: null.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The key prefix under which documents are stored (<c>S3_PREFIX</c>); empty or ending in <c>/</c>. Default: <c>reasoning-graph/snapshots/</c>.</summary>
    public string Prefix { get; set; } = "reasoning-graph/snapshots/";

    /// <summary>The retention mode set on every object (<c>S3_RETENTION_MODE</c>: <c>COMPLIANCE</c> or <c>GOVERNANCE</c>). Default: <see cref="S3RetentionMode.Compliance"/>.</summary>
    public S3RetentionMode RetentionMode { get; set; } = S3RetentionMode.Compliance;

    /// <summary>How long every object is retained from its write (<c>S3_RETENTION_DAYS</c>). Default: 2557 days (seven years).</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromDays(2557);

    /// <summary>Whether to address the bucket in the path rather than the host name. Default: true when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>How long one request may take before it is abandoned. Default: 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the settings from environment variables: <c>S3_ENDPOINT</c>, <c>S3_BUCKET</c>, <c>S3_REGION</c> (else
    /// <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>), <c>S3_ACCESS_KEY</c>, <c>S3_SECRET</c>, <c>S3_PREFIX</c>,
    /// <c>S3_RETENTION_MODE</c> and <c>S3_RETENTION_DAYS</c>. Without <c>S3_ACCESS_KEY</c> the SDK's default
    /// credential chain applies (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>, profiles, roles).
    /// </summary>
    /// <param name="variables">Looks a variable up; null reads the process environment.</param>
    /// <returns>The settings; unset variables keep their defaults.</returns>
    /// <exception cref="FormatException">A variable holds a value that cannot be read.</exception>
    public static S3ArchiveOptions FromEnvironment(Func<string, string?>? variables = null)
    {
        variables ??= Environment.GetEnvironmentVariable;
        string? Get(string name) => variables(name) is { Length: > 0 } value ? value.Trim() : null;
        var options = new S3ArchiveOptions();
        options.ApplyEnvironment(Get);
        return options;
    }

    private void ApplyEnvironment(Func<string, string?> get)
    {
        if (get("S3_ENDPOINT") is { } endpoint)
        {
            ServiceUrl = Uri.TryCreate(endpoint, UriKind.Absolute, out var url) ? url : throw new FormatException($"S3_ENDPOINT '{endpoint}' is not an absolute URL.");
        }

        Bucket = get("S3_BUCKET") ?? Bucket;
        Region = get("S3_REGION") ?? get("AWS_REGION") ?? get("AWS_DEFAULT_REGION") ?? Region;
        AccessKey = get("S3_ACCESS_KEY") ?? AccessKey;
        SecretKey = get("S3_SECRET") ?? SecretKey;
        Prefix = get("S3_PREFIX") ?? Prefix;
        if (get("S3_RETENTION_MODE") is { } mode)
        {
            RetentionMode = mode.ToUpperInvariant() switch
            {
                "COMPLIANCE" => S3RetentionMode.Compliance,
                "GOVERNANCE" => S3RetentionMode.Governance,
                _ => throw new FormatException($"S3_RETENTION_MODE '{mode}' is neither COMPLIANCE nor GOVERNANCE."),
            };
        }

        if (get("S3_RETENTION_DAYS") is { } days)
        {
            RetentionPeriod = int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count)
                ? TimeSpan.FromDays(count)
                : throw new FormatException($"S3_RETENTION_DAYS '{days}' is not a whole number of days.");
        }
    }
}
