using System.Diagnostics;

namespace ReasoningGraph.LoadHarness;

/// <summary>
/// One client sending one request at a time, each as soon as the previous answer arrived, for a fixed time: the
/// throughput of a single sequential caller (the Kernel writing a chain step by step), and each request's latency.
/// </summary>
internal static class ClosedLoopRunner
{
    public static async Task<RunOutcome> RunAsync(TimeSpan duration, Func<int, CancellationToken, Task<string?>> send, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var errors = new List<string?>();
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long sent = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await send(latencies.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                error = e.GetType().Name;
            }

            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            errors.Add(error);
        }

        return new RunOutcome([.. latencies], new double[latencies.Count], [.. errors], Stopwatch.GetElapsedTime(start));
    }
}
