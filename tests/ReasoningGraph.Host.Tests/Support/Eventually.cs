using System.Diagnostics;

namespace ReasoningGraph.Host.Tests.Support;

/// <summary>Waits for what a background worker or another host makes true: polled every 100 ms, failing after <see cref="Patience"/>.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task TrueAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Patience, "timed out waiting for the condition");
            await Task.Delay(100);
        }
    }
}
