using System.Text;
using System.Text.Json;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests.Cli;

/// <summary>
/// <c>reasoning-graph export</c> and <c>import</c> against the real server: a graph exported and imported into a
/// fresh graph is the same graph (items, canonical bytes, traces, a byte-identical second export) with a valid audit
/// chain of its own; a bad line is reported by its number and writes nothing.
/// </summary>
[RequiresPostgres]
public sealed class ImportExportCommandTests(PostgresSchema schema, CliDatabase cli) : IClassFixture<PostgresSchema>, IClassFixture<CliDatabase>
{
    [Fact]
    public async Task ExportThenImportIntoAFreshGraph_RoundTripsItemsTracesAndBytes()
    {
        string source = Guid.NewGuid().ToString("N"), copy = Guid.NewGuid().ToString("N");
        var (decision, count) = await WriteGraphAsync(schema.NewStore(graphId: source));

        var exported = await cli.RunAsync(schema, source, "export", "--out", cli.File(source + ".jsonl"));
        Assert.True(exported.ExitCode == 0, exported.StandardError);
        Assert.Equal(count, Json(exported)["items"].GetInt64());
        Assert.Contains("export: " + count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " items in ", exported.StandardError, StringComparison.Ordinal); // progress: stderr, not stdout

        var imported = await cli.RunAsync(schema, copy, "import", "--graph", cli.File(source + ".jsonl"));
        Assert.True(imported.ExitCode == 0, imported.StandardError);
        Assert.Equal(count, Json(imported)["created"].GetInt64());
        Assert.Equal(count, Json(imported)["maxSeq"].GetInt64());
        Assert.Contains("import: " + count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " items in ", imported.StandardError, StringComparison.Ordinal);

        Assert.Equal(await CanonicalAsync(source), await CanonicalAsync(copy));
        var reexported = await cli.RunAsync(schema, copy, "export", "--out", cli.File(copy + ".jsonl"));
        Assert.True(reexported.ExitCode == 0, reexported.StandardError);
        Assert.Equal(await File.ReadAllBytesAsync(cli.File(source + ".jsonl")), await File.ReadAllBytesAsync(cli.File(copy + ".jsonl")));

        foreach (string[] query in new[]
        {
            new[] { "causal-trace", "--root", decision.ToString() },
            ["trace", "--root", decision.ToString(), "--direction", "ancestors", "--depth", "6", "--page-size", "7"],
        })
        {
            var expected = await cli.RunAsync(schema, source, query);
            var actual = await cli.RunAsync(schema, copy, query);
            Assert.True(expected.ExitCode == 0, expected.StandardError);
            Assert.True(expected.StandardOutput.Length > 100);
            Assert.Equal(WithoutGenerationTime(expected.StandardOutput), WithoutGenerationTime(actual.StandardOutput));
        }

        var verdict = await schema.NewStore(graphId: copy).VerifyAuditChainAsync(cli.Signers);
        Assert.True(verdict.IsValid, $"{verdict.FailureReason} at {verdict.FailedIndex}: {verdict.Message}");
        Assert.Equal(count, verdict.VerifiedCount);

        // Every line has its id, so importing the same file again changes nothing.
        var again = await cli.RunAsync(schema, copy, "import", "--graph", cli.File(source + ".jsonl"), "--quiet");
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Empty(again.StandardError);
        Assert.Equal(0, Json(again)["created"].GetInt64());
        Assert.Equal(count, Json(again)["replayed"].GetInt64());
    }

    public static TheoryData<string, int, string> BadLines => new()
    {
        { "{\"kind\":\"edge\",\"id\":\"" + Guid.NewGuid() + "\",\"from\":\"" + Id(1) + "\",\"to\":\"" + Guid.NewGuid() + "\",\"type\":\"causal\"}", 5, "NOT_FOUND" },
        { "{\"kind\":\"node\",\"id\":\"" + Id(1) + "\",\"type\":\"observation\",\"author\":\"agent:other\",\"payload\":{}}", 5, "CONFLICT" },
        { "{\"kind\":\"node\",", 5, "INVALID_PAYLOAD" },
        { "{\"kind\":\"node\",\"type\":\"observation\",\"author\":\"agent:a\",\"payload\":{}}", 5, "INVALID_PAYLOAD" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task ABadLine_IsReportedByItsNumber_AndNothingIsWritten(string badLine, int lineNumber, string code)
    {
        string graph = Guid.NewGuid().ToString("N");
        string path = cli.File(graph + ".jsonl");
        await File.WriteAllLinesAsync(path,
        [
            "{\"kind\":\"node\",\"id\":\"" + Id(1) + "\",\"type\":\"observation\",\"author\":\"agent:a\",\"payload\":{\"x\":1}}",
            "{\"kind\":\"node\",\"id\":\"" + Id(2) + "\",\"type\":\"decision\",\"author\":\"agent:a\",\"payload\":{}}",
            string.Empty, // blank lines are skipped, so the line number is not the input's index
            "{\"kind\":\"edge\",\"id\":\"" + Id(3) + "\",\"from\":\"" + Id(1) + "\",\"to\":\"" + Id(2) + "\",\"type\":\"causal\"}",
            badLine,
            "{\"kind\":\"annotation\",\"id\":\"" + Id(4) + "\",\"targetId\":\"" + Id(2) + "\",\"targetType\":\"node\",\"annotationType\":\"note\",\"author\":\"agent:a\",\"payload\":{}}",
        ]);

        var result = await cli.RunAsync(schema, graph, "import", "--graph", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.True(result.StandardError.Contains($"line {lineNumber}: {code}", StringComparison.Ordinal), result.StandardError);
        Assert.Equal(0, await schema.NewStore(graphId: graph).GetMaxSeqAsync());
        foreach (string table in new[] { "nodes", "edges", "annotations", "audit_events" })
        {
            Assert.Equal(0L, await schema.ScalarAsync<long>($"SELECT count(*) FROM {{s}}.{table} WHERE graph_id = @g", ("g", graph)));
        }
    }

    /// <summary>A graph with every kind of item, diamonds, a cycle, exact-number payloads and annotations on both kinds.</summary>
    private static async Task<(Guid Decision, long Count)> WriteGraphAsync(PostgresGraphStore store)
    {
        var random = new Random(5);
        var nodes = new List<Guid>();
        long count = 0;
        for (int round = 0; round < 6; round++)
        {
            var batch = new GraphBatch();
            for (int i = 0; i < 10; i++)
            {
                var id = Guid.CreateVersion7();
                batch.Add(Node(id, i % 3 == 0 ? "decision" : "observation",
                    payload: $"{{\"score\":{random.Next(100)}.50,\"z\":-0,\"text\":\"caf\\u00e9 {round}/{i}\"}}",
                    metadata: $"{{\"confidence\":0.{random.Next(10)},\"tags\":[\"r{round}\"]}}"));
                nodes.Add(id);
            }

            for (int i = 0; i < 25; i++)
            {
                var edge = Edge(nodes[random.Next(nodes.Count)], nodes[random.Next(nodes.Count)], Guid.CreateVersion7(), weight: random.Next(3) == 0 ? null : 0.25);
                batch.Add(edge);
                if (i % 10 == 0)
                {
                    batch.Add(Note(edge.Id!.Value, targetType: AnnotationTargetType.Edge));
                }
            }

            batch.Add(Note(nodes[random.Next(nodes.Count)]));
            count += (await store.AppendAsync(batch)).Created.Count;
        }

        return (nodes[^1], count);
    }

    private async Task<List<string>> CanonicalAsync(string graph)
    {
        var items = new List<string>();
        await foreach (var item in schema.NewStore(graphId: graph).ReadAllAsync(0, long.MaxValue))
        {
            items.Add(item.Seq + " " + Encoding.UTF8.GetString(GraphJson.ToCanonicalBytes(item)));
        }

        return items;
    }

    /// <summary>The output with the causal trace's <c>metadata.createdAt</c> (when the trace was built) taken out.</summary>
    private static string WithoutGenerationTime(byte[] output)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        (document["metadata"] as System.Text.Json.Nodes.JsonObject)?.Remove("createdAt");
        return document.ToJsonString();
    }

    private static Dictionary<string, JsonElement> Json(Host.Tests.Cli.CliResult result) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(result.StandardOutput)!;
}
