using System.Text.Json;
using Npgsql;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Tests.Export;

/// <summary>
/// A graph in its own schema of the real PostgreSQL (<c>REASONING_GRAPH_TEST_DATABASE_URL</c>) with a few nodes, and
/// snapshots of it taken through the real <see cref="SnapshotService"/> and signing key; pending ones too (signer down).
/// </summary>
internal sealed class ExportGraph : IAsyncDisposable
{
    private static readonly JsonElement Payload = JsonDocument.Parse("{\"email\":\"ada@example.com\",\"n\":1}").RootElement;
    private readonly LocalEd25519Signer _signer = LocalEd25519Signer.Generate("export-test");
    private readonly DownSigner _down;
    private readonly SnapshotService _service;
    private readonly SnapshotService _failing;
    private int _next;

    private ExportGraph(string url, string schema)
    {
        Url = url;
        Schema = schema;
        Store = new PostgresGraphStore(new PostgresStoreOptions { ConnectionString = url, Schema = schema }, _signer);
        _down = new DownSigner(_signer.SignerId);
        _service = new SnapshotService(Store, Store.Snapshots, _signer);
        _failing = new SnapshotService(Store, Store.Snapshots, _down, options: new SnapshotServiceOptions { RetryAttempts = 1 });
        Registry = SignerRegistry.For(_signer);
    }

    public string Url { get; }

    public string Schema { get; }

    public PostgresGraphStore Store { get; }

    public SignerRegistry Registry { get; }

    /// <summary>The test database, or null locally without one (in CI, <c>CI=true</c>, a missing database fails).</summary>
    public static string? DatabaseUrl => TestDatabase.ConnectionStringOrSkip();

    public static async Task<ExportGraph> CreateAsync(string url)
    {
        string schema = "rg_export_" + Guid.NewGuid().ToString("N")[..10];
        await using (var migrator = new PostgresMigrator(new PostgresStoreOptions { ConnectionString = url, Schema = schema }))
        {
            await migrator.MigrateAsync();
        }

        var graph = new ExportGraph(url, schema);
        for (int i = 1; i <= 3; i++)
        {
            await graph.Store.AppendAsync([new NodeInput { Id = Node(i), Type = "observation", Author = "agent:test", Payload = Payload }]);
        }

        return graph;
    }

    public static Guid Node(int n) => new($"00000000-0000-7000-8000-{n:D12}");

    /// <summary>Takes and signs one snapshot.</summary>
    public Task<StoredSnapshot> SignAsync(SnapshotAudience audience) => _service.CreateAsync(Request(audience));

    /// <summary>Takes a snapshot while the signer is down: it stays pending, invisible to export, until <see cref="FinishPendingAsync"/>.</summary>
    public async Task<Guid> LeavePendingAsync(SnapshotAudience audience)
    {
        var request = Request(audience);
        await Assert.ThrowsAsync<ReasoningGraphException>(() => _failing.CreateAsync(request));
        return (await Store.Snapshots.GetByRequestIdAsync(request.RequestId!))!.Id;
    }

    public Task<SnapshotRetryResult> FinishPendingAsync() => _service.RetryPendingAsync();

    /// <summary>Every signed snapshot of an audience, by id, with its document.</summary>
    public async Task<Dictionary<Guid, StoredSnapshot>> SignedAsync(SnapshotAudience audience) =>
        (await Store.Snapshots.ReadSignedAsync(0, audience, 100_000)).ToDictionary(s => s.Snapshot.Id, s => s.Snapshot);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _signer.Dispose();
        await using var dataSource = NpgsqlDataSource.Create(Url);
        await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        await command.ExecuteNonQueryAsync();
    }

    private SnapshotRequest Request(SnapshotAudience audience) => new()
    {
        RootIds = [Node(1 + (_next % 3))],
        Depth = 1,
        Audience = audience,
        CanExportPii = true,
        RequestId = "req-" + Interlocked.Increment(ref _next),
        Actor = "test",
    };

    /// <summary>A signer that is down.</summary>
    private sealed class DownSigner(string id) : IDigestSigner
    {
        public string SignerId => id;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            throw new ReasoningGraphException(ErrorCodes.SigningFailure, "The signer is down.");
    }
}
