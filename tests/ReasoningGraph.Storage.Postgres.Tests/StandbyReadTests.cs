using System.Diagnostics.Metrics;
using Npgsql;
using ReasoningGraph.Diagnostics;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using ReasoningGraph.Tests.Support;
using ReasoningGraph.Traversal;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Routing of reads to standbys (<see cref="PostgresStoreOptions.ReadConnectionString"/>), with the server itself as
/// a standby that is always caught up, an unreachable one, and reads ahead of it. Real replication lag is drilled on
/// a Patroni pair in the host's tests (<c>Ha/StandbyReadDrillTests</c>).
/// </summary>
[RequiresPostgres]
public sealed class StandbyReadTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task ReadsAtASeqTheStandbyHas_AreServedThere_WithThePrimarysAnswer()
    {
        var (store, primaryOnly, ids) = await GraphAsync(schema.ConnectionString);
        long asOf = await store.GetMaxSeqAsync();
        var before = ReplicaReads();

        var request = new FrontierRequest { NodeIds = [ids[0]], Direction = TraversalDirection.Descendants, AsOf = asOf };
        Assert.Equal(Shape((await primaryOnly.GetFrontierAsync(request)).Edges), Shape((await store.GetFrontierAsync(request)).Edges));
        Assert.Equal(Shape(await primaryOnly.GetItemsAsync(ids, asOf)), Shape(await store.GetItemsAsync(ids, asOf)));
        Assert.Equal(Shape(await primaryOnly.GetItemsAsync(ids, asOf - 2)), Shape(await store.GetItemsAsync(ids, asOf - 2)));
        Assert.Equal(
            Shape(await primaryOnly.QueryNodesAsync(new NodeFilter(), 0, asOf, 100)),
            Shape(await store.QueryNodesAsync(new NodeFilter(), 0, asOf, 100)));

        var after = ReplicaReads();
        Assert.Equal(4, after["served"] - before["served"]);
        Assert.Equal(before["behind"], after["behind"]);
    }

    [Fact]
    public async Task ReadsAtTheNewestOrAheadOfTheStandby_AreThePrimarys()
    {
        var (store, primaryOnly, ids) = await GraphAsync(schema.ConnectionString);
        long head = await store.GetMaxSeqAsync();
        var before = ReplicaReads();

        Assert.Equal(ids.Count, (await store.GetItemsAsync(ids, long.MaxValue)).Count); // "newest": not offered
        Assert.Equal(Shape(await primaryOnly.GetItemsAsync(ids, head + 5)), Shape(await store.GetItemsAsync(ids, head + 5))); // ahead: behind

        var after = ReplicaReads();
        Assert.Equal(before["served"], after["served"]);
        Assert.Equal(1, after["behind"] - before["behind"]);
    }

    [Fact]
    public async Task AStandbyThatCannotBeReached_IsSkippedForAWhile_AndReportedOnce()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Host = "127.0.0.1", Port = 1 }.ConnectionString;
        var logger = new RecordingLogger<PostgresGraphStore>();
        var (store, primaryOnly, ids) = await GraphAsync(unreachable, logger);
        long asOf = await store.GetMaxSeqAsync();
        var before = ReplicaReads();

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(Shape(await primaryOnly.GetItemsAsync(ids, asOf)), Shape(await store.GetItemsAsync(ids, asOf)));
        }

        var after = ReplicaReads();
        Assert.Equal(1, after["failed"] - before["failed"]); // then skipped for a few seconds, not tried on every read
        Assert.Equal(4, after["skipped"] - before["skipped"]);
        var reports = logger.Lines.Where(l => l.EventId == 3020).ToList();
        var report = Assert.Single(reports);
        Assert.Contains("DATABASE_READ_URL", report.Message, StringComparison.Ordinal);
        Assert.False(report.HasException);
    }

    [Fact]
    public void AReadConnectionStringNpgsqlRefuses_IsAnOptionsProblem()
    {
        var options = schema.Options();
        options.ReadConnectionString = "Host=a;Target Session Attributes=nonsense";
        var problem = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new PostgresGraphStore(options));
        Assert.Contains("ReadConnectionString is not usable", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>A small graph written through a store with standbys, and a store on the same graph without them.</summary>
    private async Task<(PostgresGraphStore Store, PostgresGraphStore PrimaryOnly, List<Guid> Ids)> GraphAsync(
        string standbys, RecordingLogger<PostgresGraphStore>? logger = null)
    {
        var options = schema.Options();
        options.ReadConnectionString = standbys;
        var store = new PostgresGraphStore(schema.DataSource, options, schema.Signer, logger: logger);
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        await store.AppendAsync([Node(ids[0]), Node(ids[1]), Edge(ids[0], ids[1])]);
        await store.AppendAsync([Node(ids[2]), Node(ids[3]), Edge(ids[1], ids[2]), Edge(ids[2], ids[3])]);
        return (store, schema.NewStore(graphId: options.GraphId), ids);
    }

    private static Dictionary<string, long> ReplicaReads()
    {
        var totals = new Dictionary<string, long> { ["served"] = 0, ["behind"] = 0, ["failed"] = 0, ["skipped"] = 0 };
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ReasoningGraphDiagnostics.Name && instrument.Name == "reasoning_graph.replica_reads_total")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    totals[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return totals;
    }

    private static List<string> Shape(IEnumerable<GraphItem> items) => items.Select(i => $"{i.Seq} {ToJson(i)}").Order(StringComparer.Ordinal).ToList();
}
