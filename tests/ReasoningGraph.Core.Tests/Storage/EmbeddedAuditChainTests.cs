using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Audit;
using ReasoningGraph.Errors;
using ReasoningGraph.Interchange;
using ReasoningGraph.Model;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.InMemory;
using ReasoningGraph.Tests.Audit;
using ReasoningGraph.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>
/// The embedded store keeps the same audit chain as PostgreSQL, durably in its journal, checked on every load: an
/// edited, removed or reordered line is a refusal, and the chain continues across restarts.
/// </summary>
public sealed class EmbeddedAuditChainTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "rg-audit-journal-" + Guid.NewGuid() + ".jsonl");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly HmacDigestSigner _signer = new("embedded-1");
    private readonly ReasoningGraph.Tests.Snapshots.FakeDigestSigner _documents = new();

    public void Dispose() => File.Delete(_path);

    private InMemoryGraphStore Open(IDigestSigner? signer = null) => new(new InMemoryStoreOptions { JournalPath = _path }, _time, auditSigner: signer ?? _signer);

    private async Task WriteAsync(InMemoryGraphStore store, int from, int count)
    {
        var batch = new GraphBatch();
        for (int i = from; i < from + count; i++)
        {
            batch.Add(Node(Id(i), payload: $"{{\"i\":{i}}}"));
        }

        await store.AppendAsync(batch);
        _time.Advance(TimeSpan.FromMilliseconds(3));
    }

    [Fact]
    public async Task EveryWrite_HasItsSignedEvent_AndTheChainContinuesAcrossRestarts()
    {
        using (var store = Open())
        {
            await WriteAsync(store, 1, 3);
            await WriteAsync(store, 4, 1);
            await store.AppendAsync(new GraphBatch { Node(Id(1), payload: "{\"i\":1}") }); // a replay: no event
        }

        using var reopened = Open();
        await WriteAsync(reopened, 5, 2);

        var verdict = await reopened.VerifyAuditChainAsync(_signer);
        var coverage = await AuditCoverage.CheckAsync(reopened.ReadAuditEventsAsync(), reopened.ReadAllAsync(0, long.MaxValue));
        Assert.True(verdict.IsValid, verdict.Message);
        Assert.Equal(6, verdict.VerifiedCount);
        Assert.True(coverage.IsComplete, string.Join("; ", coverage.Problems.Select(p => p.Message)));
        Assert.Equal(6, coverage.Items);
    }

    [Fact]
    public async Task AnItemEditedIntoOtherValidJson_IsARefusalToLoad()
    {
        using (var store = Open())
        {
            await WriteAsync(store, 1, 2);
        }

        File.WriteAllText(_path, File.ReadAllText(_path).Replace("{\"i\":2}", "{\"i\":3}", StringComparison.Ordinal));

        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal("audit-chain-broken", error.Details["reason"]);
        Assert.Equal("1", error.Details["line"]);
    }

    [Theory]
    [InlineData("\"hash\":\"", "\"hash\":\"zz")]
    [InlineData("\"entityId\":\"", "\"entityId\":7,\"x\":\"")]
    public async Task ADamagedValueInsideAnEventLine_IsARefusal_NotACrash(string find, string replace)
    {
        using (var store = Open())
        {
            await WriteAsync(store, 1, 1);
        }

        var lines = File.ReadAllLines(_path);
        int eventLine = Array.FindIndex(lines, l => l.StartsWith("{\"kind\":\"audit_event\"", StringComparison.Ordinal));
        int at = lines[eventLine].IndexOf(find, StringComparison.Ordinal);
        lines[eventLine] = lines[eventLine][..at] + replace + lines[eventLine][(at + find.Length)..];
        File.WriteAllLines(_path, lines);

        var error = Assert.ThrowsAny<ReasoningGraphException>(() => Open());
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.True(error.Details.ContainsKey("line"));
    }

    [Fact]
    public async Task ARemovedBatch_IsARefusalToLoad()
    {
        using (var store = Open())
        {
            await WriteAsync(store, 1, 1);
            await WriteAsync(store, 2, 1);
            await WriteAsync(store, 3, 1);
        }

        var lines = File.ReadAllLines(_path);
        File.WriteAllLines(_path, [.. lines[..2], .. lines[4..]]); // the second batch: its item and its event

        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal("audit-chain-broken", error.Details["reason"]);
        Assert.Contains("links to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignerFailure_WritesNothing()
    {
        using var store = Open(new FailingSigner());
        long before = new FileInfo(_path).Length;

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => WriteAsync(store, 1, 2));

        Assert.Equal(ErrorCodes.SigningFailure, error.ErrorCode);
        Assert.Equal(before, new FileInfo(_path).Length);
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }

    [Fact]
    public async Task OpenReadOnly_ReadsTheCompleteBatchesOfAJournalInUse()
    {
        using var writer = Open();
        await WriteAsync(writer, 1, 2);
        File.AppendAllText(_path, "{\"kind\":\"node\",\"id\":\"00000000-"); // a write in progress

        using var reader = InMemoryGraphStore.OpenReadOnly(_path);

        Assert.Equal(2, await reader.GetMaxSeqAsync());
        Assert.True((await reader.VerifyAuditChainAsync(_signer)).IsValid);
        await Assert.ThrowsAsync<ReasoningGraphException>(() => WriteAsync(reader, 3, 1));
    }

    [Fact]
    public async Task ImportingAJournal_SkipsItsAuditLines()
    {
        using (var store = Open())
        {
            await WriteAsync(store, 1, 2);
        }

        await using var file = File.OpenRead(_path);
        var lines = new List<InterchangeLine>();
        await foreach (var line in GraphInterchange.ReadAsync(file))
        {
            lines.Add(line);
        }

        Assert.Equal(2, lines.Count);
        Assert.Contains("\"kind\":\"audit_event\"", File.ReadAllText(_path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_SurviveARestart_SignedOnTheGraphsChain_AndPendingOnesStayPending()
    {
        var down = new SwitchableSigner(_documents);
        Guid signedId, pendingId;
        byte[] document;
        using (var store = Open())
        {
            await WriteAsync(store, 1, 3);
            var service = new SnapshotService(store, store.Snapshots, _documents, _documents, timeProvider: _time);
            var signed = await service.CreateAsync(new SnapshotRequest { RootIds = [Id(2)], RequestId = "r-1" });
            (signedId, document) = (signed.Id, signed.Document.ToArray());
            var failing = new SnapshotService(store, store.Snapshots, down, _documents, timeProvider: _time);
            down.Down = true;
            _time.Advance(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<ReasoningGraphException>(() => failing.CreateAsync(new SnapshotRequest { RootIds = [Id(3)], SnapshotId = Guid.NewGuid() }));
            pendingId = (await store.Snapshots.ListPendingAsync(10)).Single().Id;
        }

        using var reopened = Open();
        var again = await reopened.Snapshots.GetAsync(signedId);
        var pending = await reopened.Snapshots.GetAsync(pendingId);

        Assert.Equal(SnapshotStatus.Signed, again!.Status);
        Assert.Equal(document, again.Document.ToArray());
        Assert.Equal(signedId, (await reopened.Snapshots.GetByRequestIdAsync("r-1"))!.Id);
        Assert.Equal(SnapshotStatus.Pending, pending!.Status);
        var events = new List<AuditEvent>();
        await foreach (var auditEvent in reopened.ReadAuditEventsAsync())
        {
            events.Add(auditEvent);
        }

        Assert.Equal([AuditEventTypes.NodeCreated, AuditEventTypes.NodeCreated, AuditEventTypes.NodeCreated, AuditEventTypes.SnapshotCreated], events.Select(e => e.EventType));
        Assert.Equal(events[3].Id, again.AuditEventId);
        Assert.True((await reopened.VerifyAuditChainAsync(_signer)).IsValid);

        // The worker's retry signs the pending one on the same chain after the restart.
        await new SnapshotService(reopened, reopened.Snapshots, _documents, _documents, timeProvider: _time).RetryPendingAsync();
        Assert.Equal(SnapshotStatus.Signed, (await reopened.Snapshots.GetAsync(pendingId))!.Status);
        Assert.True((await reopened.VerifyAuditChainAsync(_signer)).IsValid);
    }

    [Fact]
    public async Task ASignedSnapshotEditedInTheJournal_IsARefusalToLoad()
    {
        using (var store = Open())
        {
            await WriteAsync(store, 1, 2);
            await new SnapshotService(store, store.Snapshots, _documents, _documents, timeProvider: _time).CreateAsync(new SnapshotRequest { RootIds = [Id(1)] });
        }

        var lines = File.ReadAllLines(_path);
        int pendingLine = Array.FindIndex(lines, l => l.StartsWith("{\"kind\":\"snapshot\"", StringComparison.Ordinal));
        string[] editedSignedBytes = [.. lines];
        editedSignedBytes[pendingLine] = lines[pendingLine].Replace("\"i\":1", "\"i\":7", StringComparison.Ordinal);
        File.WriteAllLines(_path, editedSignedBytes);
        var signedBytesError = Assert.Throws<ReasoningGraphException>(() => Open());

        // The served document edited (its signature swapped for another): its proof no longer matches what was signed.
        int signedLine = Array.FindIndex(lines, l => l.StartsWith("{\"kind\":\"snapshot_signed\"", StringComparison.Ordinal));
        string[] editedDocument = [.. lines];
        int at = lines[signedLine].LastIndexOf("\"signature\":\"", StringComparison.Ordinal) + "\"signature\":\"".Length;
        editedDocument[signedLine] = lines[signedLine][..at] + (lines[signedLine][at] == 'A' ? 'B' : 'A') + lines[signedLine][(at + 1)..];
        File.WriteAllLines(_path, editedDocument);
        var documentError = Assert.Throws<ReasoningGraphException>(() => Open());

        Assert.Equal("audit-chain-broken", signedBytesError.Details["reason"]);
        Assert.Equal("audit-chain-broken", documentError.Details["reason"]);
    }

    [Property(MaxTest = 30)]
    public Property RandomBatches_ReloadIntoAVerifiedCompleteChain(PositiveInt[] sizes)
    {
        File.Delete(_path);
        int next = 1;
        using (var store = Open())
        {
            foreach (var size in sizes.Take(8))
            {
                int count = 1 + (size.Get % 5);
                WriteAsync(store, next, count).GetAwaiter().GetResult();
                next += count;
            }
        }

        using var reopened = Open();
        var verdict = reopened.VerifyAuditChainAsync(_signer).GetAwaiter().GetResult();
        var coverage = AuditCoverage.CheckAsync(reopened.ReadAuditEventsAsync(), reopened.ReadAllAsync(0, long.MaxValue)).GetAwaiter().GetResult();
        return (verdict.IsValid && verdict.VerifiedCount == next - 1 && coverage.IsComplete).Label($"events={verdict.VerifiedCount} items={next - 1}");
    }

    private sealed class FailingSigner : IDigestSigner
    {
        public string SignerId => "down";

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("connection refused");
    }

    private sealed class SwitchableSigner(IDigestSigner inner) : IDigestSigner
    {
        public bool Down { get; set; }

        public string SignerId => inner.SignerId;

        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
            Down ? throw new HttpRequestException("connection refused") : inner.SignAsync(digest, cancellationToken);
    }
}
