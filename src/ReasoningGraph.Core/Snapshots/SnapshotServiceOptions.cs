namespace ReasoningGraph.Snapshots;

/// <summary>Settings of <see cref="SnapshotService"/>.</summary>
public sealed class SnapshotServiceOptions
{
    /// <summary>The depth used when a request names none. Default: 2.</summary>
    public int DefaultDepth { get; set; } = 2;

    /// <summary>The largest depth a request may ask for. Default: 16.</summary>
    public int MaxDepth { get; set; } = 16;

    /// <summary>The most distinct root node ids one request may name (duplicates count once). Default: 1000.</summary>
    public int MaxRoots { get; set; } = 1000;

    /// <summary>The <c>reasoning_graph_version</c> written into documents. Default: this library's version.</summary>
    public string ReasoningGraphVersion { get; set; } = DefaultVersion;

    /// <summary>How many passes <see cref="SnapshotService.RetryPendingAsync"/> makes before giving up. Default: 5.</summary>
    public int RetryAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed pass; it doubles after each further one (with ±20% jitter). Default: 1 second.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between passes. Default: 1 minute.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many pending snapshots one pass finishes at most. Default: 100.</summary>
    public int PendingBatchSize { get; set; } = 100;

    private static string DefaultVersion =>
        typeof(SnapshotServiceOptions).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    internal void Validate()
    {
        var problems = new List<string>();
        if (DefaultDepth < 0 || DefaultDepth > MaxDepth)
        {
            problems.Add($"DefaultDepth must be between 0 and MaxDepth ({MaxDepth}).");
        }

        if (string.IsNullOrWhiteSpace(ReasoningGraphVersion))
        {
            problems.Add("ReasoningGraphVersion must not be empty.");
        }

        if (RetryAttempts < 1 || PendingBatchSize < 1 || MaxRoots < 1)
        {
            problems.Add("RetryAttempts, PendingBatchSize and MaxRoots must be positive.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            problems.Add("RetryBaseDelay must not be negative nor exceed RetryMaxDelay.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid snapshot settings: " + string.Join(" ", problems));
        }
    }
}
