using System.Diagnostics;

namespace ReasoningGraph.LoadHarness;

/// <summary>
/// Sends requests on an <see cref="OpenLoopSchedule"/> without waiting for earlier answers, and times each one from
/// its scheduled start to the end of its response body.
/// </summary>
internal static class OpenLoopRunner
{
    private static readonly TimeSpan MinimumSleep = TimeSpan.FromMilliseconds(1);

    /// <summary>Runs <paramref name="send"/> (request index → outcome; an exception is an error) on the schedule.</summary>
    public static async Task<RunOutcome> RunAsync(OpenLoopSchedule schedule, Func<int, CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        int count = schedule.Count;
        var latencies = new double[count];
        var sendLags = new double[count];
        var errors = new string?[count];
        var inFlight = new Task[count];
        long start = Stopwatch.GetTimestamp();

        async Task SendOneAsync(int index)
        {
            long due = start + (schedule.DueAt(index).Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
            sendLags[index] = Milliseconds(Stopwatch.GetTimestamp() - due);
            try
            {
                errors[index] = await send(index, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                errors[index] = e.GetType().Name;
            }

            latencies[index] = Milliseconds(Stopwatch.GetTimestamp() - due);
        }

        int next = 0;
        while (next < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int due = schedule.DueBy(Stopwatch.GetElapsedTime(start));
            for (; next < due; next++)
            {
                inFlight[next] = SendOneAsync(next);
            }

            if (next < count)
            {
                // Sleeping is coarse (about a millisecond); requests that fall due meanwhile go out together on waking,
                // still timed from their own scheduled start.
                var wait = schedule.DueAt(next) - Stopwatch.GetElapsedTime(start);
                await Task.Delay(wait > MinimumSleep ? wait : MinimumSleep, cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return new RunOutcome(latencies, sendLags, errors, Stopwatch.GetElapsedTime(start));
    }

    private static double Milliseconds(long stopwatchTicks) => stopwatchTicks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Per-request latency and send lag (ms from the scheduled start), error (null when it succeeded), and the run's wall time.</summary>
internal sealed record RunOutcome(double[] Latencies, double[] SendLags, string?[] Errors, TimeSpan Elapsed);
