using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ReasoningGraph.Benchmarks.Support;

/// <summary>Things per second (edges/s, nodes/s), from the mean time and the count per operation a benchmark declares.</summary>
public sealed class RateColumn(string name, string legend, Func<BenchmarkCase, long> countPerOperation) : IColumn
{
    public string Id => $"{nameof(RateColumn)}.{name}";
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null)
        {
            return "NA";
        }

        double perSecond = countPerOperation(benchmarkCase) / (statistics.Mean / 1e9);
        return perSecond >= 1e6
            ? (perSecond / 1e6).ToString("F2", CultureInfo.InvariantCulture) + "M"
            : (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + "k";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
