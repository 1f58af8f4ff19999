using System.Text;
using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.InMemory;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Storage;

public sealed class JournalTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "rg-journal-" + Guid.NewGuid() + ".jsonl");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 17, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => File.Delete(_path);

    private InMemoryGraphStore Open(bool truncate = false) =>
        new(new InMemoryStoreOptions { JournalPath = _path, TruncateTornJournalTail = truncate }, _time);

    private static async Task<List<GraphItem>> AllAsync(InMemoryGraphStore store)
    {
        var items = new List<GraphItem>();
        await foreach (var item in store.ReadAllAsync(0, long.MaxValue))
        {
            items.Add(item);
        }

        return items;
    }

    private async Task<List<GraphItem>> WriteSampleAsync()
    {
        using var store = Open();
        await store.AppendAsync(new GraphBatch { Node(Id(1), metadata: "{\"confidence\":0.5}"), Node(Id(2), payload: "{\"reason\":\"ünïcode <&>\"}") });
        _time.Advance(TimeSpan.FromTicks(1_234_560));
        await store.AppendAsync(new GraphBatch { Edge(Id(1), Id(2), Id(3), weight: 0.5, metadata: "{\"k\":[1]}"), Note(Id(3), Id(4), targetType: AnnotationTargetType.Edge) });
        await store.AppendAsync(new GraphBatch { Node(Id(1), metadata: "{\"confidence\":0.5}") }); // a replay: not journaled
        return await AllAsync(store);
    }

    [Fact]
    public async Task Journal_RoundTrip_RestoresItemsSeqOrderAndCreatedAt()
    {
        var written = await WriteSampleAsync();
        _time.Advance(TimeSpan.FromHours(1));
        using var reopened = Open();
        var read = await AllAsync(reopened);
        Assert.Equal(written.Select(ToJson), read.Select(ToJson));
        Assert.Equal(written.Select(i => i.Seq), read.Select(i => i.Seq));
        Assert.Equal(4, File.ReadAllLines(_path).Length);
    }

    [Fact]
    public async Task Journal_IsInterchangeJsonlWithBatchContinuationMarks()
    {
        await WriteSampleAsync();
        var lines = File.ReadAllText(_path).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.EndsWith(" ", lines[0], StringComparison.Ordinal);
        Assert.False(lines[1].EndsWith(' '));
        Assert.StartsWith("{\"kind\":\"node\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"kind\":\"annotation\"", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_AppendsAfterRestartContinueTheSequence()
    {
        await WriteSampleAsync();
        using (var store = Open())
        {
            var result = await store.AppendAsync(new GraphBatch { Node(Id(5)) });
            Assert.Equal(5, result.Items[0].Seq);
        }

        using var reopened = Open();
        Assert.Equal(5, await reopened.GetMaxSeqAsync());
    }

    [Fact]
    public async Task Journal_InDirectoriesThatDoNotExistYet_CreatesThem()
    {
        string root = Path.Combine(Path.GetTempPath(), "rg-journal-dir-" + Guid.NewGuid());
        string path = Path.Combine(root, "data", "graph.jsonl");
        try
        {
            using (var store = new InMemoryGraphStore(new InMemoryStoreOptions { JournalPath = path }, _time))
            {
                await store.AppendAsync(new GraphBatch { Node(Id(1)) });
            }

            using var reopened = new InMemoryGraphStore(new InMemoryStoreOptions { JournalPath = path }, _time);
            Assert.Equal(1, await reopened.GetMaxSeqAsync());
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Journal_TornLastLine_IsReportedWithItsLineNumber()
    {
        await WriteSampleAsync();
        File.AppendAllText(_path, "{\"kind\":\"node\",\"id\":\"00000000-0000-7000-8000-0000000000");
        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal("torn-line", error.Details["reason"]);
        Assert.Equal("5", error.Details["line"]);
    }

    [Fact]
    public async Task Journal_TornLastLineThatParses_IsStillReported()
    {
        await WriteSampleAsync();
        var whole = File.ReadAllText(_path);
        File.WriteAllText(_path, whole.TrimEnd('\n'));
        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal("torn-line", error.Details["reason"]);
    }

    [Fact]
    public async Task Journal_IncompleteBatch_IsReportedAndNothingOfItIsApplied()
    {
        await WriteSampleAsync();
        var lines = File.ReadAllLines(_path);
        File.WriteAllText(_path, string.Join('\n', lines[..3]) + "\n");
        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal("torn-batch", error.Details["reason"]);
        Assert.Equal("3", error.Details["line"]);
        using var truncated = Open(truncate: true);
        Assert.Equal([Id(1), Id(2)], (await AllAsync(truncated)).Select(i => i.Id));
    }

    [Fact]
    public async Task Journal_TruncateOption_CutsTheTornTailAndKeepsWorking()
    {
        await WriteSampleAsync();
        long complete = new FileInfo(_path).Length;
        File.AppendAllText(_path, "{\"kind\":\"no");
        using (var store = Open(truncate: true))
        {
            Assert.Equal(4, await store.GetMaxSeqAsync());
            Assert.Equal(complete, new FileInfo(_path).Length);
            await store.AppendAsync(new GraphBatch { Node(Id(6)) });
        }

        using var reopened = Open();
        Assert.Equal(5, await reopened.GetMaxSeqAsync());
    }

    [Fact]
    public async Task CheckJournal_ReportsCountsAndChangesNothing()
    {
        await WriteSampleAsync();
        byte[] before = File.ReadAllBytes(_path);

        var result = InMemoryGraphStore.CheckJournal(_path);

        Assert.True(result.IsIntact);
        Assert.Equal(2, result.Batches);
        Assert.Equal(4, result.Items);
        Assert.Equal(before.Length, result.Length);
        Assert.Equal(result.Length, result.CommittedLength);
        Assert.Equal(before, File.ReadAllBytes(_path));
    }

    [Theory]
    [InlineData("{\"kind\":\"node\",\"id\":\"00000000-0000", "torn-line", 5)]
    [InlineData(null, "torn-batch", 3)]
    public async Task RepairJournal_CutsTheTornTail_KeepsTheDamagedFile_AndTheStoreOpens(string? tail, string reason, long line)
    {
        await WriteSampleAsync();
        if (tail is null)
        {
            File.WriteAllText(_path, string.Join('\n', File.ReadAllLines(_path)[..3]) + "\n");
        }
        else
        {
            File.AppendAllText(_path, tail);
        }

        byte[] damaged = File.ReadAllBytes(_path);
        var check = InMemoryGraphStore.CheckJournal(_path);
        var repaired = InMemoryGraphStore.RepairJournal(_path, _time);
        var again = InMemoryGraphStore.CheckJournal(_path);

        Assert.False(check.IsIntact);
        Assert.Equal(reason, check.TornTailReason);
        Assert.Equal(line, check.TornTailLine);
        Assert.Equal(damaged, File.ReadAllBytes(repaired.BackupPath!));
        Assert.EndsWith(".torn-20251117T120000Z", repaired.BackupPath, StringComparison.Ordinal);
        Assert.True(again.IsIntact);
        Assert.Equal(check.CommittedLength, new FileInfo(_path).Length);
        using var store = Open();
        Assert.Equal(check.Items, (await AllAsync(store)).Count);
        File.Delete(repaired.BackupPath!);
    }

    [Fact]
    public async Task RepairJournal_LeavesAnIntactJournalAlone_AndRefusesDamageInside()
    {
        await WriteSampleAsync();
        Assert.Null(InMemoryGraphStore.RepairJournal(_path).BackupPath);
        var lines = File.ReadAllLines(_path);
        lines[1] = lines[1].Replace("\"kind\":\"node\"", "\"kind\":\"nod\"", StringComparison.Ordinal);
        File.WriteAllText(_path, string.Join('\n', lines) + "\n");
        byte[] before = File.ReadAllBytes(_path);

        var error = Assert.Throws<ReasoningGraphException>(() => InMemoryGraphStore.RepairJournal(_path));

        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal(before, File.ReadAllBytes(_path));
    }

    [Fact]
    public async Task Journal_CorruptCompleteLine_IsAnErrorEvenWithTruncation()
    {
        await WriteSampleAsync();
        var lines = File.ReadAllLines(_path);
        lines[1] = "{\"kind\":\"node\",garbage}";
        File.WriteAllText(_path, string.Join('\n', lines) + "\n");
        var error = Assert.Throws<ReasoningGraphException>(() => Open(truncate: true));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal("2", error.Details["line"]);
    }

    [Fact]
    public async Task Journal_LineReferencingAMissingNode_NamesTheLine()
    {
        var edge = new StringBuilder("{\"kind\":\"edge\",\"id\":\"").Append(Id(9)).Append("\",\"from\":\"").Append(Id(1))
            .Append("\",\"to\":\"").Append(Id(7)).Append("\",\"type\":\"causal\",\"createdAt\":\"2025-01-01T00:00:00Z\"}\n");
        await WriteSampleAsync();
        File.AppendAllText(_path, edge.ToString());
        var error = Assert.Throws<ReasoningGraphException>(() => Open());
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal("5", error.Details["line"]);
    }
}
