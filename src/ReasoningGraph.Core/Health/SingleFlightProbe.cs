namespace ReasoningGraph.Health;

/// <summary>
/// One probe of a dependency at a time, bounded by a deadline of its own: callers arriving while a probe runs share
/// it, and none waits past the deadline fixed when it started — even when the dependency ignores cancellation, and
/// then no second probe starts beside the stuck one. The probe itself has no caller's token: a caller may stop
/// waiting for it, never cancel it for the others. What the health checks of the packages share; usable by a store
/// author's own check.
/// </summary>
/// <typeparam name="T">The probe's verdict.</typeparam>
/// <param name="bound">How long after its start a probe may still be waited for.</param>
/// <param name="timeProvider">The clock; default <see cref="TimeProvider.System"/>.</param>
public sealed class SingleFlightProbe<T>(TimeSpan bound, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private Task<T>? _running;
    private DateTimeOffset _deadline;

    /// <summary>Joins the probe in flight, or starts one with <paramref name="start"/>, and waits for it until its deadline.</summary>
    /// <param name="start">Starts a probe; called under a lock, so it should yield before doing any work.</param>
    /// <param name="cancellationToken">Stops this caller's wait, not the probe.</param>
    /// <returns>The probe's verdict.</returns>
    /// <exception cref="TimeoutException">The probe did not finish by its deadline.</exception>
    public async Task<T> RunAsync(Func<Task<T>> start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        Task<T> running;
        DateTimeOffset deadline;
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                _deadline = _time.GetUtcNow() + bound;
                _running = start();
            }

            running = _running;
            deadline = _deadline;
        }

        var left = deadline - _time.GetUtcNow();
        return left > TimeSpan.Zero
            ? await running.WaitAsync(left, _time, cancellationToken).ConfigureAwait(false)
            : running.IsCompletedSuccessfully ? running.Result : throw new TimeoutException();
    }
}
