namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// When the snapshot worker runs: every <c>SNAPSHOT_WORKER_INTERVAL_SECONDS</c> (default 30; 0 turns the worker off),
/// waiting twice as long after each pass that failed as a whole (store down), up to
/// <c>SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS</c> (default 600). A snapshot whose signing or archiving fails is due again
/// after the interval times 2^(attempts-1), ±20 %, capped by the same maximum. A claim lasts
/// <c>SNAPSHOT_WORKER_LEASE_SECONDS</c> (default 300: longer than a signature and an archive put may take); a pending
/// snapshot is left to the request that created it for <c>SNAPSHOT_WORKER_GRACE_SECONDS</c> (default 60).
/// </summary>
internal sealed record SnapshotWorkerOptions(TimeSpan Interval, TimeSpan MaxInterval)
{
    private const double MaxSeconds = 86_400;

    /// <summary>How long a claim hides a snapshot from the other workers. Default: 5 minutes.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its creation a pending snapshot is left to its request. Default: 1 minute.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(1);

    public bool Enabled => Interval > TimeSpan.Zero;

    public static SnapshotWorkerOptions Read(SettingsReader settings)
    {
        var interval = settings.Seconds("SNAPSHOT_WORKER_INTERVAL_SECONDS", 30, MaxSeconds, zeroAllowed: true);
        var max = settings.Seconds("SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS", 600, MaxSeconds, zeroAllowed: true);
        return new SnapshotWorkerOptions(interval, max < interval ? interval : max)
        {
            Lease = settings.Seconds("SNAPSHOT_WORKER_LEASE_SECONDS", 300, MaxSeconds, zeroAllowed: true),
            Grace = settings.Seconds("SNAPSHOT_WORKER_GRACE_SECONDS", 60, MaxSeconds, zeroAllowed: true),
        };
    }

    /// <summary>The wait after <paramref name="failedPasses"/> passes in a row that left work undone.</summary>
    public TimeSpan Delay(int failedPasses)
    {
        double factor = Math.Pow(2, Math.Min(failedPasses, 30));
        return TimeSpan.FromTicks((long)Math.Min(Interval.Ticks * factor, MaxInterval.Ticks));
    }
}
