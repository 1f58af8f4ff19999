using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.LoadHarness;

namespace ReasoningGraph.Host.Tests.Load;

/// <summary>The load harness's percentiles and open-loop schedule, which every figure in docs/BENCHMARKS.md rests on.</summary>
public sealed class LoadHarnessStatisticsTests
{
    [Fact]
    public void Percentile_IsTheNearestRank()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        Assert.Equal(50, LatencySummary.Percentile(sorted, 50));
        Assert.Equal(95, LatencySummary.Percentile(sorted, 95));
        Assert.Equal(99, LatencySummary.Percentile(sorted, 99));
        Assert.Equal(100, LatencySummary.Percentile(sorted, 100));
        Assert.Equal(7, LatencySummary.Percentile([7], 99));
        Assert.Equal(0, LatencySummary.Percentile([], 50));
        Assert.Equal(2, LatencySummary.Percentile([1, 2, 3], 50));
    }

    [Property(MaxTest = 200)]
    public bool Percentile_IsASampleWithAtLeastThatShareAtOrBelowIt(NonEmptyArray<NormalFloat> samples, PositiveInt share)
    {
        var sorted = samples.Get.Select(s => s.Get).Order().ToArray();
        double percentile = 1 + (share.Get % 100); // 1..100
        double value = LatencySummary.Percentile(sorted, percentile);
        int atOrBelow = sorted.Count(s => s <= value);
        int below = sorted.Count(s => s < value);
        return sorted.Contains(value) && atOrBelow >= percentile / 100 * sorted.Length && below < percentile / 100 * sorted.Length;
    }

    [Property(MaxTest = 300)]
    public bool Schedule_RequestIsDueExactlyAtItsTime(PositiveInt ratePerSecond, PositiveInt index)
    {
        var schedule = new OpenLoopSchedule(ratePerSecond.Get % 5000 + 0.5, TimeSpan.FromSeconds(3));
        int i = index.Get % Math.Max(1, schedule.Count);
        var due = schedule.DueAt(i);
        return schedule.DueBy(due) == i + 1 && schedule.DueBy(due - TimeSpan.FromTicks(1)) == i;
    }

    [Fact]
    public void Schedule_SendsRateTimesDurationRequestsEvenlyAndNeverMore()
    {
        var schedule = new OpenLoopSchedule(200, TimeSpan.FromSeconds(30));

        Assert.Equal(6000, schedule.Count);
        Assert.Equal(TimeSpan.Zero, schedule.DueAt(0));
        Assert.Equal(TimeSpan.FromMilliseconds(5), schedule.DueAt(1));
        Assert.Equal(TimeSpan.FromSeconds(15), schedule.DueAt(3000));
        Assert.Equal(1, schedule.DueBy(TimeSpan.Zero));
        Assert.Equal(6000, schedule.DueBy(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Options_ParseRatesAndRejectUnknownNames()
    {
        var options = LoadOptions.Parse(["--url", "http://127.0.0.1:1", "--traces-rate", "50.5", "--scenarios", "writes", "--duration", "2"]);

        Assert.Equal(50.5, options.TracesRate);
        Assert.Equal(["writes"], options.Scenarios);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Duration);
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--url", "http://127.0.0.1:1", "--rate", "5"]));
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--url", "http://127.0.0.1:1", "--scenarios", "reads"]));
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--traces-rate", "5"]));
    }
}
