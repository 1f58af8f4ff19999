using System.Diagnostics;
using System.Globalization;
using ReasoningGraph.Model;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Separate OS processes (tools/postgres-writer) write to one graph at the same time; afterwards seq is gap-free and
/// the audit chain is one linear, fully verified chain: no fork, no gap, created_at strictly increasing.
/// </summary>
[RequiresPostgres]
public sealed class CrossProcessWriterTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private const int Processes = 4;
    private const int WritesPerProcess = 150;

    [Fact]
    public async Task SeveralProcessesWritingOneGraph_LeaveOneLinearVerifiedAuditChain()
    {
        string graph = Guid.NewGuid().ToString("N");
        byte[] seed = new byte[32];
        Random.Shared.NextBytes(seed);
        string start = Path.Combine(Path.GetTempPath(), "rg-start-" + graph);
        var processes = Enumerable.Range(0, Processes).Select(w => StartWriter(graph, seed, w, start)).ToList();
        try
        {
            foreach (var process in processes)
            {
                Assert.Equal("ready", await process.StandardOutput.ReadLineAsync());
            }

            await File.WriteAllTextAsync(start, "go");
            var outputs = await Task.WhenAll(processes.Select(async p =>
            {
                var output = p.StandardOutput.ReadToEndAsync();
                var error = p.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await p.WaitForExitAsync(timeout.Token);
                Assert.True(p.ExitCode == 0, await error);
                return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
            }));

            var all = outputs.SelectMany(s => s).Order().ToList();
            Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all); // gap-free, no seq given twice
            Assert.All(outputs, seqs => Assert.Equal(seqs.Order(), seqs));
            // The writers really overlapped: some process committed between two commits of another one.
            Assert.Contains(outputs, seqs => outputs.Any(other => other != seqs && other.Any(s => s > seqs[0] && s < seqs[^1])));

            var store = schema.NewStore(graphId: graph);
            using var signer = LocalEd25519Signer.FromSeed(seed, "cross-process");
            var verdict = await store.VerifyAuditChainAsync(SignerRegistry.For(signer));
            Assert.True(verdict.IsValid, $"{verdict.FailureReason} at {verdict.FailedIndex}: {verdict.Message}");
            Assert.Equal(all.Count, verdict.VerifiedCount);

            // Beyond what the verifier walks: every stored event is on the chain (no fork, no orphan), positions have no gap.
            Assert.Equal((long)all.Count, await schema.ScalarAsync<long>("SELECT count(*) FROM {s}.audit_events WHERE graph_id = @g", ("g", graph)));
            Assert.Equal((long)all.Count, await schema.ScalarAsync<long>("SELECT count(DISTINCT coalesce(prev_hash, '')) FROM {s}.audit_events WHERE graph_id = @g", ("g", graph)));
            Assert.Equal((long)all.Count, await schema.ScalarAsync<long>("SELECT max(position) - min(position) + 1 FROM {s}.audit_events WHERE graph_id = @g", ("g", graph)));

            // The chain follows seq: the n-th event records the item with seq n.
            var bySeq = new List<Guid>();
            await foreach (var item in store.ReadAllAsync(0, long.MaxValue))
            {
                bySeq.Add(item.Id);
            }

            var byChain = new List<Guid>();
            await foreach (var auditEvent in store.ReadAuditEventsAsync())
            {
                using var payload = System.Text.Json.JsonDocument.Parse(auditEvent.Payload);
                byChain.Add(payload.RootElement.GetProperty("entityId").GetGuid());
            }

            Assert.Equal(bySeq, byChain);
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill();
                }

                process.Dispose();
            }

            File.Delete(start);
        }
    }

    private Process StartWriter(string graph, byte[] seed, int writer, string startFile)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string dll = Path.Combine(RepositoryPaths.Root, "tools", "postgres-writer", "bin", output.Parent!.Name, output.Name, "rg-postgres-writer.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            dll, schema.ConnectionString, schema.Name, graph, Convert.ToHexString(seed),
            writer.ToString(CultureInfo.InvariantCulture), WritesPerProcess.ToString(CultureInfo.InvariantCulture), startFile,
        })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Cannot start dotnet");
    }
}
