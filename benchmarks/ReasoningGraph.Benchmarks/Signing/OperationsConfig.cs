using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace ReasoningGraph.Benchmarks.Signing;

/// <summary>Adds operations per second to the table: signatures and verifications are quoted as rates.</summary>
public sealed class OperationsConfig : ManualConfig
{
    public OperationsConfig() => AddColumn(StatisticColumn.OperationsPerSecond);
}
