using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Audit;

/// <summary>Items against their events: what the chain check alone cannot see.</summary>
public sealed class AuditCoverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 100)]
    public Property EveryDroppedEvent_IsOneMissingItem_AndEveryEditedItemOneMismatch(PositiveInt size, int dropSeed, int editSeed)
    {
        int n = 1 + (size.Get % 40);
        var items = Graph(n);
        var events = EventsFor(items);
        var random = new Random(dropSeed);
        var dropped = Enumerable.Range(0, n).Where(_ => random.Next(4) == 0).ToHashSet();
        var edited = new Random(editSeed).Next(n);
        bool editDropped = dropped.Contains(edited);
        var stored = items.Select((item, i) => i == edited ? Edited(item) : item).ToList();

        var result = CheckAsync(events.Where((_, i) => !dropped.Contains(i)), stored).GetAwaiter().GetResult();

        int expectedMismatches = editDropped ? 0 : 1;
        return (result.ProblemCount == dropped.Count + expectedMismatches
                && result.Problems.Count(p => p.Kind == AuditCoverageProblem.MissingEvent) == dropped.Count
                && result.Problems.Count(p => p.Kind == AuditCoverageProblem.HashMismatch) == expectedMismatches
                && result.Items == n)
            .Label($"n={n} dropped={dropped.Count} edited={edited} problems={result.ProblemCount}");
    }

    [Fact]
    public async Task AnIntactGraph_IsComplete_SnapshotEventsAside()
    {
        var items = Graph(5);
        var events = EventsFor(items).ToList();
        events.Add(await AuditChain.CreateEventAsync(AuditEventTypes.SnapshotCreated, Guid.NewGuid(), new string('a', 64), "kernel", AuditChainHead.Empty, Now, new HmacDigestSigner("k1")));

        var result = await CheckAsync(events, items);

        Assert.True(result.IsComplete);
        Assert.Equal(5, result.ItemEvents);
    }

    [Fact]
    public async Task DuplicateAndOrphanEvents_AreNamed()
    {
        var items = Graph(3);
        var events = EventsFor(items).ToList();
        events.Add(events[1]);

        var result = await CheckAsync(events, items.Take(2).ToList());

        Assert.Contains(result.Problems, p => p.Kind == AuditCoverageProblem.DuplicateEvent && p.EntityId == items[1].Id);
        Assert.Contains(result.Problems, p => p.Kind == AuditCoverageProblem.OrphanEvent && p.EntityId == items[2].Id);
    }

    [Fact]
    public async Task ItemsNewerThanTheBound_AreNotMissing()
    {
        var items = Graph(4);

        var result = await AuditCoverage.CheckAsync(ToAsync(EventsFor(items).Take(2)), ToAsync(items), missingEventsUpToSeq: 2);

        Assert.True(result.IsComplete);
    }

    private static List<GraphItem> Graph(int n) => [.. Enumerable.Range(1, n).Select(i => Node(Id(i), payload: $"{{\"i\":{i}}}").ToItem(i, Now.AddSeconds(i)))];

    private static GraphItem Edited(GraphItem item) => Node(item.Id, payload: "{\"i\":-1}").ToItem(item.Seq, item.CreatedAt);

    private static AuditEvent[] EventsFor(IReadOnlyList<GraphItem> items) =>
        AuditChain.CreateItemEventsAsync(items, [.. items.Select(EntityHashOf)], _ => "kernel", AuditChainHead.Empty, Now, new HmacDigestSigner("k1")).GetAwaiter().GetResult();

    private static string EntityHashOf(GraphItem item) => AuditChain.EntityHash(item);

    private static Task<AuditCoverageResult> CheckAsync(IEnumerable<AuditEvent> events, IReadOnlyList<GraphItem> items) =>
        AuditCoverage.CheckAsync(ToAsync(events), ToAsync(items));

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> values)
    {
        foreach (var value in values)
        {
            await Task.Yield();
            yield return value;
        }
    }
}
