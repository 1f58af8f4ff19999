namespace ReasoningGraph.Storage.Postgres.Internal;

/// <summary>
/// Counts failures and says when to report them: at most once per interval, with how many there were since the last
/// report. An outage fails thousands of calls; the operator needs one line saying what happened, not one per call.
/// </summary>
internal sealed class IntervalReport(TimeSpan interval, TimeProvider time)
{
    private readonly Lock _lock = new();
    private long _failures;
    private DateTimeOffset? _reportedAt;

    /// <summary>The interval, in whole seconds, as the log lines say it.</summary>
    public int IntervalSeconds => (int)interval.TotalSeconds;

    /// <summary>Counts one failure; returns the number to report (this one included) when a report is due, else null.</summary>
    public long? Count()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _failures++;
            if (_reportedAt is { } last && now - last < interval)
            {
                return null;
            }

            long failures = _failures;
            _failures = 0;
            _reportedAt = now;
            return failures;
        }
    }
}
