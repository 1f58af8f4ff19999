using BenchmarkDotNet.Running;
using System.Globalization;
using ReasoningGraph.Benchmarks.Memory;
using ReasoningGraph.Benchmarks.Profiling;

// dotnet run -c Release --project benchmarks/ReasoningGraph.Benchmarks -- --filter '*Canonical*'
// dotnet run -c Release --project benchmarks/ReasoningGraph.Benchmarks -- footprint   (store bytes per node and edge)
// dotnet run -c Release --project benchmarks/ReasoningGraph.Benchmarks -- cpu walk 100000 20   (CPU time per operation, for A/B)
// dotnet run -c Release --project benchmarks/ReasoningGraph.Benchmarks -- postgres-import   (1M nodes + 3M edges into PostgreSQL, timed once)
switch (args)
{
    case ["postgres-import"]:
        await ReasoningGraph.Benchmarks.Postgres.PostgresGraph1M.ImportAsync();
        return;
    case ["footprint"]:
        StoreFootprint.Run();
        return;
    case ["cpu", var scenario, var size, var runs]:
        CpuProbe.Run(scenario, int.Parse(size, CultureInfo.InvariantCulture), int.Parse(runs, CultureInfo.InvariantCulture));
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
