using System.Globalization;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// When <see cref="SnapshotWorker"/> runs: every <c>SNAPSHOT_WORKER_INTERVAL_SECONDS</c> (default 30; 0 turns the
/// worker off), waiting twice as long after each pass that failed as a whole (store down), up to
/// <c>SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS</c> (default 600). A snapshot whose signing or archiving fails is due again
/// after the interval times 2^(attempts-1), ±20 %, capped by the same maximum. A claim lasts
/// <c>SNAPSHOT_WORKER_LEASE_SECONDS</c> (default 300: longer than a signature and an archive put may take); a pending
/// snapshot is left to the request that created it for <c>SNAPSHOT_WORKER_GRACE_SECONDS</c> (default 60).
/// </summary>
internal sealed record SnapshotWorkerSettings(TimeSpan Interval, TimeSpan MaxInterval)
{
    /// <summary>How long a claim hides a snapshot from the other workers.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its creation a pending snapshot is left to its request.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(1);

    public bool Enabled => Interval > TimeSpan.Zero;

    public static SnapshotWorkerSettings Read(IConfiguration configuration)
    {
        var interval = Seconds(configuration, "SNAPSHOT_WORKER_INTERVAL_SECONDS", 30);
        var max = Seconds(configuration, "SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS", 600);
        return new SnapshotWorkerSettings(interval, max < interval ? interval : max)
        {
            Lease = Seconds(configuration, "SNAPSHOT_WORKER_LEASE_SECONDS", 300),
            Grace = Seconds(configuration, "SNAPSHOT_WORKER_GRACE_SECONDS", 60),
        };
    }

    /// <summary>The wait after <paramref name="failedPasses"/> passes in a row that left work undone.</summary>
    public TimeSpan Delay(int failedPasses)
    {
        double factor = Math.Pow(2, Math.Min(failedPasses, 30));
        return TimeSpan.FromTicks((long)Math.Min(Interval.Ticks * factor, MaxInterval.Ticks));
    }

    private static TimeSpan Seconds(IConfiguration configuration, string name, double fallback)
    {
        string? text = ConfigurationFlags.Text(configuration, name);
        if (text is null)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 && seconds <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : throw new OptionsValidationException(name, typeof(double), [$"{name} must be a number of seconds between 0 and 86400, not '{text}'."]);
    }
}
