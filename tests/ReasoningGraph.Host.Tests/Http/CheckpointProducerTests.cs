using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReasoningGraph.Audit;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Host.VerifiableLog;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// Checkpoints produced and stored by the service (LOG_CHECKPOINT_*): two hosts of one PostgreSQL graph store them once
/// per size, each with its audit event after the events it covers; both serve the latest stored one, which Go's
/// <c>sumdb/note</c> opens and whose consistency with the one before Go's <c>sumdb/tlog</c> checks; an idle log is not
/// checkpointed again for the checkpoint's own event. The embedded store stores them too, in its journal, and serves
/// the latest after a restart. The trigger rule is a property.
/// </summary>
public sealed class CheckpointProducerTests : IAsyncLifetime
{
    private const string KeyName = "rg-audit";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-checkpoints-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        string keyFile = Path.Combine(_directory.FullName, "audit.key");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        _settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            ["SIGNING_KEY_PATH"] = keyFile,
            ["SIGNER_ID"] = KeyName,
            ["LOG_CHECKPOINT_INTERVAL_SECONDS"] = "0.2",
        };
    }

    public Task DisposeAsync()
    {
        _key.Dispose();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OnPostgres_TwoHostsStoreEachCheckpointOnce_ServeTheLatest_AndGoVerifiesThem()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graph = TestDatabase.NewGraphId();
        string schema = "checkpoints_" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string>(_settings) { ["DATABASE_URL"] = connection, ["GRAPH_ID"] = graph, ["DATABASE_SCHEMA"] = schema };
        await using var a = await RunningHost.StartAsync(settings);
        await using var b = await RunningHost.StartAsync(settings);
        using var writer = a.Client(devPrincipal: "kernel");
        using var reader = b.Client(devPrincipal: "auditor");

        await WriteNodesAsync(writer, 3);
        await using var store = Store(connection, schema, graph);
        string first = await SettledAsync(store);
        string lastNode = await WriteNodesAsync(writer, 2);
        long firstSize = SizeOf(first);
        string second = await SettledAsync(store);
        long secondSize = SizeOf(second);
        Assert.True(secondSize >= firstSize + 3, $"{firstSize} then {secondSize}"); // the first's own event and the two nodes (and any checkpoint between)
        Assert.Equal(second, await CheckpointAsync(reader));

        // Idle: the latest covers every event but its own, and nothing more is stored.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var events = await AuditEventsAsync(connection, schema, graph);
        string latest = await CheckpointAsync(reader);
        Assert.Equal(events.Count - 1, SizeOf(latest));
        Assert.Equal(AuditEventTypes.CheckpointStored, events[^1].EventType);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(events.Count, (await AuditEventsAsync(connection, schema, graph)).Count);
        using (var other = a.Client(devPrincipal: "auditor"))
        {
            Assert.Equal(latest, await CheckpointAsync(other));
        }

        // Every stored checkpoint: one row per size, its event after the events it covers and hashing its note.
        var rows = await CheckpointRowsAsync(connection, schema, graph);
        Assert.Equal(latest, rows[^1].Note);
        Assert.Equal(events.Count(e => e.EventType == AuditEventTypes.CheckpointStored), rows.Count);
        foreach (var (treeSize, note, eventId) in rows)
        {
            int position = events.FindIndex(e => e.Id == eventId);
            Assert.True(position >= treeSize, $"the checkpoint of {treeSize} events is recorded by event {position}");
            using var payload = System.Text.Json.JsonDocument.Parse(events[position].Payload);
            Assert.Equal(StoredCheckpoint.EntityHash(note), payload.RootElement.GetProperty("entityHash").GetString());
        }

        var (_, key) = await HostApi.GetAsync(reader, "/reason/log/verifier-key");
        var (_, consistency) = await HostApi.GetAsync(reader, $"/reason/log/consistency?from={firstSize}&to={secondSize}");
        var (_, inclusion) = await HostApi.GetAsync(reader, $"/reason/log/inclusion?index={firstSize}&treeSize={secondSize}");
        var proof = JsonNode.Parse(inclusion.GetRawText())!.AsObject();
        proof["checkpoint"] = 1;
        var document = GoTlog.TwoCheckpoints(key.GetProperty("verifierKey").GetString()!, first, second, new JsonArray(proof), JsonNode.Parse(consistency.GetRawText())!.AsObject());
        Assert.Equal("ok 2 1 1", await GoTlog.RunAsync(document.ToJsonString()));
        // A snapshot signed now carries the latest stored checkpoint, outside its signed bytes; verify-snapshot checks it on request.
        var (taken, created) = await HostApi.PostAsync(writer, "/reason/snapshot", new { rootNodeIds = new[] { lastNode } });
        Assert.True(taken == HttpStatusCode.Created, created.ToString());
        var (_, served) = await HostApi.GetAsync(reader, $"/reason/snapshot/{created.GetProperty("snapshotId").GetString()}");
        Assert.Equal(latest, served.GetProperty("snapshot").GetProperty("log_checkpoint").GetString());
        string documentFile = Path.Combine(_directory.FullName, "snapshot.json");
        await File.WriteAllTextAsync(documentFile, served.GetRawText());
        string registry = Path.Combine(_directory.FullName, "signers.json");
        await File.WriteAllBytesAsync(registry, new ReasoningGraph.Signing.Registry.SignerRegistry([ReasoningGraph.Signing.Registry.RegisteredSigner.ForEd25519(KeyName, _key.PublicKey)]).ToJson());
        string logKey = key.GetProperty("verifierKey").GetString()!;
        var checkedLog = await Cli.CliProcess.RunAsync(["verify-snapshot", "--snapshot", documentFile, "--signers", registry, "--log-verifier-key", logKey]);
        Assert.True(checkedLog.ExitCode == 0, checkedLog.StandardError);
        Assert.Contains("\"logCheckpoint\":{\"verified\":true", System.Text.Encoding.UTF8.GetString(checkedLog.StandardOutput), StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.CliProcess.RunAsync(["verify-snapshot", "--snapshot", documentFile, "--signers", registry])).ExitCode);
        using var stranger = Ed25519PrivateKey.Generate();
        var otherLog = await Cli.CliProcess.RunAsync(["verify-snapshot", "--snapshot", documentFile, "--signers", registry,
            "--log-verifier-key", new ReasoningGraph.Signing.Notes.NoteKey(KeyName, stranger.PublicKey).VerifierKey]);
        Assert.Equal(1, otherLog.ExitCode);
        Assert.Contains("verification failed: log-checkpoint-signature", otherLog.StandardError, StringComparison.Ordinal);

        var verdict = await store.VerifyAuditChainAsync(new ReasoningGraph.Signing.Registry.SignerRegistry([ReasoningGraph.Signing.Registry.RegisteredSigner.ForEd25519(KeyName, _key.PublicKey)]));
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public async Task OnTheEmbeddedStore_CheckpointsAreStoredInTheJournal_ServedAfterARestart_AndGoVerifiesThem()
    {
        string data = _settings["DATA_DIR"];
        string last;
        await using (var host = await RunningHost.StartAsync(_settings))
        {
            var store = host.Services.GetRequiredService<IReasoningGraphStore>();
            Assert.IsType<InMemoryGraphStore>(store);
            Assert.Same(store, host.Services.GetRequiredService<PublishedLog>().Stored);
            var checkpoints = (ICheckpointStore)store;
            using var writer = host.Client(devPrincipal: "kernel");
            using var reader = host.Client(devPrincipal: "auditor");

            await WriteNodesAsync(writer, 3);
            string first = await SettledAsync(checkpoints);
            string lastNode = await WriteNodesAsync(writer, 2);
            string second = await SettledAsync(checkpoints);
            long firstSize = SizeOf(first), secondSize = SizeOf(second);
            Assert.True(secondSize >= firstSize + 3, $"{firstSize} then {secondSize}");
            Assert.Equal(second, await CheckpointAsync(reader));

            // Idle: the latest covers every event but its own, and nothing more is stored.
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(secondSize + 1, await checkpoints.CountAuditEventsAsync());
            Assert.Equal(second, await CheckpointAsync(reader));

            var (_, key) = await HostApi.GetAsync(reader, "/reason/log/verifier-key");
            var (_, consistency) = await HostApi.GetAsync(reader, $"/reason/log/consistency?from={firstSize}&to={secondSize}");
            var (_, inclusion) = await HostApi.GetAsync(reader, $"/reason/log/inclusion?index={firstSize}&treeSize={secondSize}");
            var proof = JsonNode.Parse(inclusion.GetRawText())!.AsObject();
            proof["checkpoint"] = 1;
            var document = GoTlog.TwoCheckpoints(key.GetProperty("verifierKey").GetString()!, first, second, new JsonArray(proof), JsonNode.Parse(consistency.GetRawText())!.AsObject());
            Assert.Equal("ok 2 1 1", await GoTlog.RunAsync(document.ToJsonString()));

            // A snapshot signed now carries the latest stored checkpoint; its event is then checkpointed in turn.
            var (taken, created) = await HostApi.PostAsync(writer, "/reason/snapshot", new { rootNodeIds = new[] { lastNode } });
            Assert.True(taken == HttpStatusCode.Created, created.ToString());
            var (_, served) = await HostApi.GetAsync(reader, $"/reason/snapshot/{created.GetProperty("snapshotId").GetString()}");
            Assert.Equal(second, served.GetProperty("snapshot").GetProperty("log_checkpoint").GetString());
            last = await SettledAsync(checkpoints);
            Assert.True(SizeOf(last) > secondSize);
        }

        // The journal holds them: a read-only open (the CLI's) replays and checks them, and a restarted host serves the latest.
        using (var opened = InMemoryGraphStore.OpenReadOnly(Path.Combine(data, StoreOptions.JournalFileName)))
        {
            var latest = await opened.GetLatestCheckpointAsync();
            Assert.Equal(last, latest!.SignedNote);
            var events = new List<AuditEvent>();
            await foreach (var e in opened.ReadAuditEventsAsync())
            {
                events.Add(e);
            }

            Assert.Equal(latest.TreeSize + 1, events.Count);
            Assert.Equal(latest.AuditEventId, events[^1].Id);
            Assert.True(events.Count(e => e.EventType == AuditEventTypes.CheckpointStored) >= 3);
            var verdict = await opened.VerifyAuditChainAsync(new SignerRegistry([RegisteredSigner.ForEd25519(KeyName, _key.PublicKey)]));
            Assert.True(verdict.IsValid, verdict.Message);
        }

        var check = await Cli.CliProcess.RunAsync(["journal", "check", "--data-dir", data]);
        Assert.True(check.ExitCode == 0, check.StandardError);
        await using (var restarted = await RunningHost.StartAsync(_settings))
        {
            using var reader = restarted.Client(devPrincipal: "auditor");
            Assert.Equal(last, await CheckpointAsync(reader));
            Assert.Equal(last, (await ((ICheckpointStore)restarted.Services.GetRequiredService<IReasoningGraphStore>()).GetLatestCheckpointAsync())!.SignedNote);
        }
    }

    [Fact]
    public async Task OnPostgres_WhileReadOnly_NoCheckpointIsStored_AndAfterItOneIs()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graph = TestDatabase.NewGraphId();
        string schema = "checkpoints_" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string>(_settings) { ["DATABASE_URL"] = connection, ["GRAPH_ID"] = graph, ["DATABASE_SCHEMA"] = schema };
        await using var host = await RunningHost.StartAsync(settings);
        using var client = host.Client(devPrincipal: "operator");
        await WriteNodesAsync(client, 2);
        await using var store = Store(connection, schema, graph);
        long before = SizeOf(await SettledAsync(store));

        // Switching read-only on is itself an audit event: the chain grows, yet while read-only nothing may be added to it.
        using (var on = await client.PutAsJsonAsync(new Uri("/admin/controls/read-only", UriKind.Relative), new { enabled = true, reason = "test" }))
        {
            Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        }

        long events = await store.CountAuditEventsAsync();
        await Task.Delay(TimeSpan.FromSeconds(3)); // three of the producer's looks (at least every second with this interval)
        Assert.Equal(before, (await store.GetLatestCheckpointAsync())!.TreeSize);
        Assert.Equal(events, await store.CountAuditEventsAsync());

        using (var off = await client.PutAsJsonAsync(new Uri("/admin/controls/read-only", UriKind.Relative), new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        Assert.True(SizeOf(await SettledAsync(store)) > before);
    }

    [Fact]
    public async Task OnPostgres_ALatestCheckpointTheChainDoesNotExtend_IsNeverFollowedBySigning_AndTheFailureIsCounted()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        string graph = TestDatabase.NewGraphId();
        string schema = "checkpoints_" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string>(_settings)
        {
            ["DATABASE_URL"] = connection, ["GRAPH_ID"] = graph, ["DATABASE_SCHEMA"] = schema,
            ["LOG_CHECKPOINT_INTERVAL_SECONDS"] = "0", ["LOG_CHECKPOINT_EVERY_EVENTS"] = "5",
        };
        await using var host = await RunningHost.StartAsync(settings);
        using var client = host.Client(devPrincipal: "operator");
        await WriteNodesAsync(client, 2);
        using var signer = new LocalEd25519Signer(_key, KeyName, ownsKey: false);
        await using var store = new ReasoningGraph.Storage.Postgres.PostgresGraphStore(
            new ReasoningGraph.Storage.Postgres.PostgresStoreOptions { ConnectionString = connection, Schema = schema, GraphId = graph }, signer);

        // A stored checkpoint of 2 events whose root is not the chain's (as after the chain was rewritten under it).
        var events = await AuditEventsAsync(connection, schema, graph);
        string forged = $"reasoning-graph/{graph}\n2\n{Convert.ToBase64String(new byte[32])}\n\n\u2014 {KeyName} AAAAAA==\n";
        Assert.NotNull(await store.StoreCheckpointAsync(2, events[1].Hash, forged, "test"));
        await WriteNodesAsync(client, 6); // due: 6 events past the checkpoint's own

        // The producer looks every 5 s with these settings: wait for its failed attempt to be counted. This host's own
        // count (the counter behind reasoning_graph_host_log_checkpoint_failures_total): /metrics of one test process
        // also carries the other hosts' series of the same name.
        var producer = host.Services.GetRequiredService<CheckpointProducer>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (producer.FailureCount < 1 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(500);
        }

        long failures = producer.FailureCount;
        Assert.Equal(forged, (await store.GetLatestCheckpointAsync())!.SignedNote);
        Assert.True(failures >= 1, $"{failures} failures counted");
    }

    [Theory]
    [InlineData(0.0001, 0, 1.0)] // a tiny interval does not make the producer a loop of queries
    [InlineData(2.5, 0, 2.5)]
    [InlineData(86_400, 0, 5.0)] // a long interval is looked at every 5 s, so it ends within 5 s of its end
    [InlineData(0, 1_000, 5.0)]
    [InlineData(3, 1_000, 3.0)]
    public void ThePollingPeriod_IsTheIntervalWithinOneToFiveSeconds(double intervalSeconds, long everyEvents, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new CheckpointOptions(TimeSpan.FromSeconds(intervalSeconds), everyEvents).Poll);

    [Property(MaxTest = 300)]
    public Property IsDue_NeverForTheCheckpointsOwnEvent_AndAlwaysAtTheEventCount(PositiveInt size, NonNegativeInt others, PositiveInt every, bool timeTrigger)
    {
        var options = new CheckpointOptions(timeTrigger ? TimeSpan.FromMinutes(5) : TimeSpan.Zero, every.Get);
        var now = DateTimeOffset.UnixEpoch.AddDays(1);
        var latest = new StoredCheckpoint(Guid.CreateVersion7(), size.Get, "note", now.AddHours(-1), Guid.CreateVersion7());
        long count = size.Get + 1 + others.Get; // the covered events, its own event, and others written since

        bool due = CheckpointProducer.IsDue(options, count, latest, now);
        bool idle = CheckpointProducer.IsDue(options, size.Get + 1, latest, now);
        bool recent = CheckpointProducer.IsDue(options, count, new StoredCheckpoint(latest.Id, size.Get, "note", now, latest.AuditEventId), now);

        return (!idle
            && due == (others.Get > 0 && (timeTrigger || others.Get >= every.Get))
            && recent == (others.Get >= every.Get)).Label($"due {due}, idle {idle}, recent {recent}");
    }

    /// <summary>Writes nodes; the last one's id.</summary>
    private static async Task<string> WriteNodesAsync(HttpClient client, int count)
    {
        string id = "";
        for (int i = 0; i < count; i++)
        {
            var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"));
            Assert.True(status == HttpStatusCode.Created, body.ToString());
            id = body.GetProperty("nodeId").GetString()!;
        }

        return id;
    }

    /// <summary>Waits for the latest stored checkpoint to cover every event but its own.</summary>
    private static async Task<string> SettledAsync(ICheckpointStore store)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(100))
        {
            if (await store.GetLatestCheckpointAsync() is { } latest && await store.CountAuditEventsAsync() == latest.TreeSize + 1)
            {
                return latest.SignedNote;
            }
        }

        throw new TimeoutException("the stored checkpoints do not catch up with the chain");
    }

    private static async Task<string> CheckpointAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/reason/log/checkpoint", UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private static ReasoningGraph.Storage.Postgres.PostgresGraphStore Store(string connection, string schema, string graph) =>
        new(new ReasoningGraph.Storage.Postgres.PostgresStoreOptions { ConnectionString = connection, Schema = schema, GraphId = graph });

    private static async Task<List<AuditEvent>> AuditEventsAsync(string connection, string schema, string graph)
    {
        await using var store = Store(connection, schema, graph);
        var events = new List<AuditEvent>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            events.Add(e);
        }

        return events;
    }

    private static async Task<List<(long TreeSize, string Note, Guid EventId)>> CheckpointRowsAsync(string connection, string schema, string graph)
    {
        await using var source = NpgsqlDataSource.Create(connection);
        await using var command = source.CreateCommand($"SELECT tree_size, signed_note, audit_event_id FROM {schema}.log_checkpoints WHERE graph_id = $1 ORDER BY tree_size");
        command.Parameters.Add(new NpgsqlParameter { Value = graph });
        await using var rows = await command.ExecuteReaderAsync();
        var result = new List<(long, string, Guid)>();
        while (await rows.ReadAsync())
        {
            result.Add((rows.GetInt64(0), rows.GetString(1), rows.GetGuid(2)));
        }

        return result;
    }

    private static long SizeOf(string note) => long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture);
}
