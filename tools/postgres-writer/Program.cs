// rg-postgres-writer CONNECTION SCHEMA GRAPH SEED_HEX WRITER WRITES START_FILE
//
// One writer process of the cross-process test: prints "ready", waits until START_FILE exists (so that every process
// starts writing at once), then appends WRITES batches to GRAPH (a node; every third write also an edge from its
// previous node and an annotation), each with its audit events signed by the Ed25519 key of SEED_HEX. Prints the
// seq of every item it created, one per line, and exits 0.
using System.Globalization;
using ReasoningGraph.Model;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Storage.Postgres;

if (args.Length != 7)
{
    await Console.Error.WriteLineAsync("usage: rg-postgres-writer CONNECTION SCHEMA GRAPH SEED_HEX WRITER WRITES START_FILE");
    return 2;
}

int writer = int.Parse(args[4], CultureInfo.InvariantCulture);
int writes = int.Parse(args[5], CultureInfo.InvariantCulture);
using var signer = LocalEd25519Signer.FromSeed(Convert.FromHexString(args[3]), "cross-process");
await using var store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = args[0], Schema = args[1], GraphId = args[2] }, signer);
await store.GetMaxSeqAsync(); // connect before the start signal

Console.WriteLine("ready");
using (var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
{
    while (!File.Exists(args[6]))
    {
        await Task.Delay(5, deadline.Token);
    }
}

var payload = System.Text.Json.JsonDocument.Parse("{\"step\":1}").RootElement;
var created = new List<long>();
Guid? previous = null;
for (int i = 0; i < writes; i++)
{
    var node = Guid.CreateVersion7();
    var batch = new GraphBatch { new NodeInput { Id = node, Type = "observation", Author = $"agent:{writer}", Payload = payload } };
    if (previous is { } from && i % 3 == 0)
    {
        var edge = Guid.CreateVersion7();
        batch.Add(new EdgeInput { Id = edge, From = from, To = node, Type = "causal" });
        batch.Add(new AnnotationInput { Id = Guid.CreateVersion7(), TargetId = edge, TargetType = AnnotationTargetType.Edge, AnnotationType = "note", Author = $"agent:{writer}", Payload = payload });
    }

    var result = await store.AppendAsync(batch);
    created.AddRange(result.Created.Select(c => c.Seq));
    previous = node;
}

Console.WriteLine(string.Join('\n', created.Select(s => s.ToString(CultureInfo.InvariantCulture))));
return 0;
