using System.Globalization;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Serving;

namespace ReasoningGraph.Host.Background;

/// <summary>
/// When <see cref="SnapshotWorker"/> runs: every <c>SNAPSHOT_WORKER_INTERVAL_SECONDS</c> (default 30; 0 turns the
/// worker off), waiting twice as long after each pass that left work undone, up to
/// <c>SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS</c> (default 600).
/// </summary>
internal sealed record SnapshotWorkerSettings(TimeSpan Interval, TimeSpan MaxInterval)
{
    public bool Enabled => Interval > TimeSpan.Zero;

    public static SnapshotWorkerSettings Read(IConfiguration configuration)
    {
        var interval = Seconds(configuration, "SNAPSHOT_WORKER_INTERVAL_SECONDS", 30);
        var max = Seconds(configuration, "SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS", 600);
        return new SnapshotWorkerSettings(interval, max < interval ? interval : max);
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
