using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/ReasoningGraph.Benchmarks -- --filter '*Canonical*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
