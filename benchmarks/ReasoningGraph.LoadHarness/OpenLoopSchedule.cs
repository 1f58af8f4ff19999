namespace ReasoningGraph.LoadHarness;

/// <summary>
/// When each request of an open-loop run is due: request i at <c>i / rate</c> seconds after the start, whatever
/// happened to the requests before it. Latency is measured from this intended time, not from when the request was
/// actually sent, so a stalled server cannot hide its stall by slowing the generator down (coordinated omission).
/// </summary>
internal readonly record struct OpenLoopSchedule
{
    public OpenLoopSchedule(double ratePerSecond, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(duration.Ticks);
        RatePerSecond = ratePerSecond;
        Duration = duration;
    }

    public double RatePerSecond { get; }

    public TimeSpan Duration { get; }

    /// <summary>The number of requests the run sends.</summary>
    public int Count => (int)Math.Floor(RatePerSecond * Duration.TotalSeconds);

    /// <summary>Offset of request <paramref name="index"/> from the start of the run (rounded up to a tick).</summary>
    public TimeSpan DueAt(int index) => TimeSpan.FromTicks((long)Math.Ceiling(index * (double)TimeSpan.TicksPerSecond / RatePerSecond));

    /// <summary>How many requests are due by <paramref name="elapsed"/>: the index of the next one to send.</summary>
    public int DueBy(TimeSpan elapsed)
    {
        // The estimate can be one off either way in floating point; DueAt is the definition, so correct against it.
        long estimate = (long)Math.Floor(elapsed.Ticks * RatePerSecond / TimeSpan.TicksPerSecond);
        int next = (int)Math.Clamp(estimate + 1, 0, Count);
        while (next < Count && DueAt(next) <= elapsed)
        {
            next++;
        }

        while (next > 0 && DueAt(next - 1) > elapsed)
        {
            next--;
        }

        return next;
    }
}
