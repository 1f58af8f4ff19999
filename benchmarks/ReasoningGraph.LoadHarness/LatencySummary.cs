namespace ReasoningGraph.LoadHarness;

/// <summary>Percentiles of a set of latencies (nearest rank: the smallest sample with at least p% of samples at or below it).</summary>
internal static class LatencySummary
{
    /// <summary>The nearest-rank <paramref name="percentile"/> (0–100] of <paramref name="sorted"/>, ascending; 0 when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
