using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Npgsql;
using ReasoningGraph.Model;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Traversal;

namespace ReasoningGraph.Benchmarks.Postgres;

/// <summary>
/// Walking all 1,000 ancestors of a node (a binary heap-shaped DAG: node i has parents 2i and 2i+1, plus one
/// cross edge per node so there are diamonds): one set-based frontier query per level against the per-node
/// pattern of the service being replaced, three queries per visited node (the node, its incoming edges, its
/// outgoing edges).
/// </summary>
[MemoryDiagnoser]
public class PostgresFrontierWalkBenchmarks
{
    private const int Nodes = 1000;
    private BenchDatabase _database = null!;
    private PostgresGraphStore _store = null!;
    private Guid[] _ids = null!;
    private long _asOf;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync("walk");
        _store = _database.NewStore();
        _ids = Enumerable.Range(0, Nodes + 1).Select(_ => Guid.CreateVersion7()).ToArray();
        var payload = JsonDocument.Parse("{\"reason\":\"step\"}").RootElement;
        var batch = new GraphBatch();
        for (int i = 1; i <= Nodes; i++)
        {
            batch.Add(new NodeInput { Id = _ids[i], Type = "observation", Author = "agent:bench", Payload = payload });
        }

        for (int i = 1; i <= Nodes; i++)
        {
            foreach (int parent in new[] { 2 * i, (2 * i) + 1, (3 * i) + 2 })
            {
                if (parent <= Nodes)
                {
                    batch.Add(new EdgeInput { Id = Guid.CreateVersion7(), From = _ids[parent], To = _ids[i], Type = "causal" });
                }
            }
        }

        await _store.AppendAsync(batch);
        _asOf = await _store.GetMaxSeqAsync();
        if (await SetBasedAsync() != Nodes || await PerNodeAsync() != Nodes)
        {
            throw new InvalidOperationException("The walk does not reach every ancestor.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _database.DisposeAsync();

    [Benchmark(Baseline = true, Description = "Per node: 3 queries per visited node")]
    public async Task<int> PerNodeAsync()
    {
        var visited = new HashSet<Guid> { _ids[1] };
        var queue = new Queue<Guid>([_ids[1]]);
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        var s = "\"" + _database.Schema + "\"";
        while (queue.TryDequeue(out var id))
        {
            await QueryIdsAsync(connection, $"SELECT id, type, author, payload_raw FROM {s}.nodes WHERE graph_id = @g AND id = @id", id);
            var parents = await QueryIdsAsync(connection, $"SELECT from_id FROM {s}.edges WHERE graph_id = @g AND to_id = @id AND seq <= @as_of", id);
            await QueryIdsAsync(connection, $"SELECT to_id FROM {s}.edges WHERE graph_id = @g AND from_id = @id AND seq <= @as_of", id);
            foreach (var parent in parents)
            {
                if (visited.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return visited.Count;
    }

    [Benchmark(Description = "Set-based: one frontier query per level")]
    public async Task<int> SetBasedAsync()
    {
        var visited = new HashSet<Guid> { _ids[1] };
        var frontier = new List<Guid> { _ids[1] };
        while (frontier.Count > 0)
        {
            var result = await _store.GetFrontierAsync(new FrontierRequest { NodeIds = frontier, Direction = TraversalDirection.Ancestors, AsOf = _asOf });
            frontier = result.FarNodes.Select(n => n.Id).Where(visited.Add).ToList();
        }

        return visited.Count;
    }

    private async Task<List<Guid>> QueryIdsAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("g", _store.GraphId);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("as_of", _asOf);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            if (reader.GetFieldType(0) == typeof(Guid))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        return ids;
    }
}
