using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Audit;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>
/// Stored checkpoints on the embedded store (<see cref="ICheckpointStore"/>, as on PostgreSQL): each is a journal line
/// and its own audit event, in one batch, after the events it covers; they survive a reopen, are checked on load, and
/// read-only opens and journal checks read them; one no larger than the latest is not stored, and one of another
/// history is refused and changes nothing.
/// </summary>
public sealed class EmbeddedCheckpointTests : IDisposable
{
    private const string Note = "reasoning-graph/test\n3\nAAAA\n\n\u2014 test-signer AAAA\n";
    private const string Actor = "reasoning-graph";

    private readonly string _path = Path.Combine(Path.GetTempPath(), "rg-checkpoint-journal-" + Guid.NewGuid() + ".jsonl");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly HmacDigestSigner _signer = new("embedded-1");

    public void Dispose() => File.Delete(_path);

    private InMemoryGraphStore Open(bool truncate = false, IDigestSigner? signer = null) =>
        new(new InMemoryStoreOptions { JournalPath = _path, TruncateTornJournalTail = truncate }, _time, auditSigner: signer ?? _signer);

    private async Task<List<AuditEvent>> WriteAsync(InMemoryGraphStore store, int count)
    {
        var batch = new GraphBatch();
        for (int i = 1; i <= count; i++)
        {
            batch.Add(Node(Id(i), payload: $"{{\"i\":{i}}}"));
        }

        await store.AppendAsync(batch);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        return await EventsAsync(store);
    }

    private static async Task<List<AuditEvent>> EventsAsync(InMemoryGraphStore store)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in store.ReadAuditEventsAsync())
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task StoringACheckpoint_JournalsItWithItsOwnEvent_AndItSurvivesAReopen()
    {
        StoredCheckpoint stored;
        using (var store = Open())
        {
            var events = await WriteAsync(store, 3);
            Assert.Equal(3L, await store.CountAuditEventsAsync());
            Assert.Null(await store.GetLatestCheckpointAsync());

            stored = (await store.StoreCheckpointAsync(3, events[2].Hash, Note, Actor))!;

            Assert.NotNull(stored);
            Assert.Equal(3L, stored.TreeSize);
            Assert.Equal(4L, await store.CountAuditEventsAsync());
            Assert.Same(stored, await store.GetLatestCheckpointAsync());
        }

        // One batch: the checkpoint's line, continued, then its event.
        var lines = File.ReadAllLines(_path);
        Assert.StartsWith("{\"kind\":\"log_checkpoint\"", lines[^2], StringComparison.Ordinal);
        Assert.EndsWith(" ", lines[^2], StringComparison.Ordinal);
        Assert.StartsWith("{\"kind\":\"audit_event\"", lines[^1], StringComparison.Ordinal);

        using var reopened = Open();
        var latest = await reopened.GetLatestCheckpointAsync();
        Assert.NotNull(latest);
        Assert.Equal((stored.Id, stored.TreeSize, stored.SignedNote, stored.CreatedAt, stored.AuditEventId), (latest.Id, latest.TreeSize, latest.SignedNote, latest.CreatedAt, latest.AuditEventId));
        Assert.Equal(Note, latest.SignedNote);
        Assert.Equal(4L, await reopened.CountAuditEventsAsync());
        var all = await EventsAsync(reopened);
        var recorded = all[3];
        Assert.Equal(AuditEventTypes.CheckpointStored, recorded.EventType);
        Assert.Equal(stored.AuditEventId, recorded.Id);
        Assert.Equal(stored.CreatedAt, recorded.CreatedAt);
        using (var payload = System.Text.Json.JsonDocument.Parse(recorded.Payload))
        {
            Assert.Equal(stored.Id.ToString(), payload.RootElement.GetProperty("entityId").GetString());
            Assert.Equal(StoredCheckpoint.EntityHash(Note), payload.RootElement.GetProperty("entityHash").GetString());
        }

        var verdict = await reopened.VerifyAuditChainAsync(_signer);
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(4, verdict.VerifiedCount);

        // The same size again, or a smaller one: nothing written, before or after the reopen.
        long length = new FileInfo(_path).Length;
        Assert.Null(await reopened.StoreCheckpointAsync(3, all[2].Hash, Note, Actor));
        Assert.Null(await reopened.StoreCheckpointAsync(2, all[1].Hash, Note, Actor));
        Assert.Equal(4L, await reopened.CountAuditEventsAsync());
        Assert.Equal(length, new FileInfo(_path).Length);

        // The next one covers the first one's event, and the chain goes on after it, across another reopen.
        _time.Advance(TimeSpan.FromSeconds(1));
        var next = await reopened.StoreCheckpointAsync(4, all[3].Hash, Note + "next\n", Actor);
        Assert.Equal(4L, next!.TreeSize);
        await reopened.AppendAsync(new GraphBatch { Node(Id(9)) });
        reopened.Dispose();
        using var third = Open();
        Assert.Equal(4L, (await third.GetLatestCheckpointAsync())!.TreeSize);
        Assert.Equal(6L, await third.CountAuditEventsAsync());
        Assert.True((await third.VerifyAuditChainAsync(_signer)).IsValid);
    }

    [Fact]
    public async Task ManyCallsStoringOneCheckpointAtOnce_StoreItOnce()
    {
        using var store = Open();
        var events = await WriteAsync(store, 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.StoreCheckpointAsync(2, events[1].Hash, Note, Actor))));

        Assert.Single(results, r => r is not null);
        Assert.Equal(3L, await store.CountAuditEventsAsync());
        Assert.Single(File.ReadAllLines(_path), l => l.StartsWith("{\"kind\":\"log_checkpoint\"", StringComparison.Ordinal));
        Assert.True((await store.VerifyAuditChainAsync(_signer)).IsValid);
    }

    [Fact]
    public async Task ACheckpointOfAPrefix_IsCheckedAgainstTheEventAtItsSize()
    {
        using var store = Open();
        var events = await WriteAsync(store, 3);

        var stored = await store.StoreCheckpointAsync(2, events[1].Hash, Note, Actor);

        Assert.Equal(2L, stored!.TreeSize);
        var all = await EventsAsync(store);
        Assert.Equal(4, all.Count);
        Assert.Equal(AuditEventTypes.CheckpointStored, all[3].EventType);
        Assert.True((await store.VerifyAuditChainAsync(_signer)).IsValid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ACheckpointOfAnotherHistory_OrBeyondTheChain_IsRefusedAndChangesNothing(bool journaled)
    {
        using var store = journaled ? Open() : new InMemoryGraphStore(timeProvider: _time, auditSigner: _signer);
        var events = await WriteAsync(store, 2);
        long length = journaled ? new FileInfo(_path).Length : 0;

        var other = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.StoreCheckpointAsync(2, events[0].Hash, Note, Actor));
        var prefix = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.StoreCheckpointAsync(1, events[1].Hash, Note, Actor));
        var beyond = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.StoreCheckpointAsync(3, events[1].Hash, Note, Actor));

        Assert.All([other, prefix, beyond], e => Assert.Equal(ErrorCodes.InvalidPayload, e.ErrorCode));
        Assert.All([other, prefix, beyond], e => Assert.Equal("checkpoint-mismatch", e.Details["reason"]));
        Assert.Equal(2L, await store.CountAuditEventsAsync());
        Assert.Null(await store.GetLatestCheckpointAsync());
        Assert.Equal(2, (await EventsAsync(store)).Count);
        if (journaled)
        {
            Assert.Equal(length, new FileInfo(_path).Length);
        }
    }

    [Fact]
    public async Task AStoreWithoutAJournal_KeepsItsCheckpointsInMemory_OnItsChain()
    {
        using var store = new InMemoryGraphStore(timeProvider: _time, auditSigner: _signer);
        var events = await WriteAsync(store, 3);

        var stored = await store.StoreCheckpointAsync(3, events[2].Hash, Note, Actor);

        Assert.Same(stored, await store.GetLatestCheckpointAsync());
        var all = await EventsAsync(store);
        Assert.Equal(stored!.AuditEventId, all[3].Id);
        Assert.Equal(4L, await store.CountAuditEventsAsync());
        Assert.True((await store.VerifyAuditChainAsync(_signer)).IsValid);
        Assert.Null(await store.StoreCheckpointAsync(3, events[2].Hash, Note, Actor));
    }

    [Fact]
    public async Task WithoutAnAuditSigner_StoringIsRefused_AndNothingIsWritten()
    {
        using var store = new InMemoryGraphStore(new InMemoryStoreOptions { JournalPath = _path }, _time);
        await store.AppendAsync(new GraphBatch { Node(Id(1)) });
        long length = new FileInfo(_path).Length;

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.StoreCheckpointAsync(1, new string('0', 64), Note, Actor));

        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.Contains("audit signer", error.Message, StringComparison.Ordinal);
        Assert.Equal(length, new FileInfo(_path).Length);
        Assert.Null(await store.GetLatestCheckpointAsync());
        Assert.Equal(0L, await store.CountAuditEventsAsync());
    }

    [Fact]
    public async Task AReadOnlyOpen_AndAJournalCheck_ReadTheCheckpointLines_AndImportSkipsThem()
    {
        using var writer = Open();
        var events = await WriteAsync(writer, 3);
        var stored = await writer.StoreCheckpointAsync(3, events[2].Hash, Note, Actor);

        using (var reader = InMemoryGraphStore.OpenReadOnly(_path))
        {
            Assert.Equal(stored!.Id, (await reader.GetLatestCheckpointAsync())!.Id);
            Assert.Equal(4L, await reader.CountAuditEventsAsync());
            Assert.True((await reader.VerifyAuditChainAsync(_signer)).IsValid);
            var refused = await Assert.ThrowsAsync<ReasoningGraphException>(() => reader.StoreCheckpointAsync(4, new string('0', 64), Note, Actor));
            Assert.Equal(ErrorCodes.StoreUnavailable, refused.ErrorCode);
        }

        var check = InMemoryGraphStore.CheckJournal(_path);
        Assert.True(check.IsIntact);
        Assert.Equal(2, check.Batches);
        Assert.Equal(3, check.Items);

        await using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var lines = new List<InterchangeLine>();
        await foreach (var line in GraphInterchange.ReadAsync(file))
        {
            lines.Add(line);
        }

        Assert.Equal(3, lines.Count);
    }

    [Theory]
    [InlineData(1, "torn-batch")] // the event line lost: the checkpoint's line still says its batch continues
    [InlineData(0, "torn-line")] // the event line cut in the middle
    public async Task ACheckpointBatchCutShort_IsATornTail_AndTruncatingItLosesTheCheckpointAndItsEventTogether(int wholeLinesLost, string reason)
    {
        using (var store = Open())
        {
            var events = await WriteAsync(store, 3);
            await store.StoreCheckpointAsync(3, events[2].Hash, Note, Actor);
        }

        var lines = File.ReadAllLines(_path);
        string kept = string.Join('\n', lines[..^1]) + "\n";
        File.WriteAllText(_path, wholeLinesLost == 1 ? kept : kept + lines[^1][..40]);

        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal(reason, error.Details["reason"]);
        Assert.False(InMemoryGraphStore.CheckJournal(_path).IsIntact);

        using var truncated = Open(truncate: true);
        Assert.Null(await truncated.GetLatestCheckpointAsync());
        Assert.Equal(3L, await truncated.CountAuditEventsAsync());
        var again = await EventsAsync(truncated);
        Assert.NotNull(await truncated.StoreCheckpointAsync(3, again[2].Hash, Note, Actor));
        Assert.True((await truncated.VerifyAuditChainAsync(_signer)).IsValid);
    }

    [Theory]
    [InlineData("note")] // the signed note edited: the event's entity hash no longer matches
    [InlineData("size")] // the tree size edited past the events before the checkpoint's event
    [InlineData("removed")] // the checkpoint's line removed: its event records nothing in its batch
    public async Task ACheckpointEditedInTheJournal_IsARefusalToLoad(string edit)
    {
        using (var store = Open())
        {
            var events = await WriteAsync(store, 3);
            await store.StoreCheckpointAsync(3, events[2].Hash, Note, Actor);
        }

        var lines = File.ReadAllLines(_path);
        string[] edited = edit switch
        {
            "note" => [.. lines[..^2], lines[^2].Replace("test-signer", "test-signed", StringComparison.Ordinal), lines[^1]],
            "size" => [.. lines[..^2], lines[^2].Replace("\"treeSize\":3", "\"treeSize\":4", StringComparison.Ordinal), lines[^1]],
            _ => [.. lines[..^2], lines[^1]],
        };
        Assert.NotEqual(lines, edited);
        File.WriteAllLines(_path, edited);

        var error = Assert.Throws<ReasoningGraphException>(() => Open());

        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal("audit-chain-broken", error.Details["reason"]);
    }
}
