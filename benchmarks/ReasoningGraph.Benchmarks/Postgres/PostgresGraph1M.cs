using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ReasoningGraph.Benchmarks.Support;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Benchmarks.Postgres;

/// <summary>
/// The <see cref="GeneratedGraph"/> (1M nodes, 3M edges, realistic payloads) in PostgreSQL, in the fixed schema
/// <c>rg_bench_g1m</c> of the benchmark database. <c>postgres-import</c> (a one-shot job: an import this big is measured
/// once, not by BenchmarkDotNet) drops and re-creates it and times <see cref="PostgresGraphStore.ImportAsync"/> with an
/// audit event per item; the PostgreSQL read benchmarks then use it. It is kept afterwards (about 5.3 GB):
/// <c>DROP SCHEMA rg_bench_g1m CASCADE</c> frees the space.
/// </summary>
internal static class PostgresGraph1M
{
    public const string Schema = "rg_bench_g1m";
    public const string GraphId = "g1m";

    /// <summary>Opens the imported graph, or explains how to import it.</summary>
    public static async Task<PostgresGraphStore> OpenAsync()
    {
        var store = Store(BenchDatabase.RequireConnectionString());
        long expected = GeneratedGraph.NodeCount + GeneratedGraph.EdgeCount;
        long maxSeq;
        try
        {
            maxSeq = await store.GetMaxSeqAsync();
        }
        catch (ReasoningGraphException)
        {
            maxSeq = 0;
        }

        return maxSeq == expected
            ? store
            : throw new InvalidOperationException(
                $"Schema {Schema} holds {maxSeq} items, not {expected}: run `dotnet run -c Release --project benchmarks/ReasoningGraph.Benchmarks -- postgres-import` first.");
    }

    /// <summary>The one-shot import measurement: prints the time and the rate.</summary>
    public static async Task ImportAsync()
    {
        var graph = GeneratedGraph.Instance;
        await using var database = await BenchDatabase.CreateAsync(Schema, fixedSchema: true);
        await using var store = new PostgresGraphStore(database.DataSource, database.Options(GraphId), database.Signer);
        Console.WriteLine($"Importing {GeneratedGraph.NodeCount:N0} nodes + {GeneratedGraph.EdgeCount:N0} edges into {Schema} (binary COPY, one transaction, an Ed25519-signed audit event per item)...");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await store.ImportAsync(Inputs(graph));
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"Imported {result.Created:N0} items (max seq {result.MaxSeq:N0}) in {watch.Elapsed.TotalSeconds:F1} s: " +
            $"{result.Created / watch.Elapsed.TotalSeconds:N0} items/s, {GeneratedGraph.NodeCount / watch.Elapsed.TotalSeconds:N0} nodes/s; client CPU {cpu.TotalSeconds:F1} s");
        watch.Restart();
        await database.AnalyzeAsync();
        Console.WriteLine($"ANALYZE: {watch.Elapsed.TotalSeconds:F1} s");
        database.Keep();
    }

    private static PostgresGraphStore Store(string connectionString) =>
        new(new PostgresStoreOptions { ConnectionString = connectionString, Schema = Schema, GraphId = GraphId });

    private static async IAsyncEnumerable<GraphItemInput> Inputs(GeneratedGraph graph, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var input in GraphInputs.All(graph, n => JsonElement.Parse(GraphInputs.RealisticPayload(n))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return input;
        }

        await Task.CompletedTask;
    }
}
