using ReasoningGraph.Audit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;
using ReasoningGraph.Storage.Writing;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Tests.Storage;

/// <summary>The store-implementer kit's planner, without a store: a dictionary stands for what is stored.</summary>
public sealed class WritePlannerTests
{
    private static readonly DateTimeOffset Now = new(2025, 11, 17, 12, 0, 0, TimeSpan.Zero);
    private static readonly WritePlannerOptions Audited = new() { HashEntities = true };

    private static StoredItems Stored(params GraphItem[] items) => new(items.ToDictionary(i => i.Id));

    private static GraphItem StoredNode(int n, long seq) => Node(Id(n)).ToItem(seq, Now.AddDays(-1));

    [Fact]
    public void Plan_NumbersNewItemsAfterMaxSeq_AndReturnsStoredItemsForReplays()
    {
        var stored = StoredNode(1, 7);
        var planner = new WritePlanner(7);
        var plan = planner.Plan([Node(Id(2)), Node(Id(1)), Edge(Id(1), Id(2), Id(3))], 0, Stored(stored), Now);

        Assert.Equal([8L, 7L, 9L], plan.Items.Select(i => i.Seq));
        Assert.Same(stored, plan.Items[1]);
        Assert.Equal([Id(2), Id(3)], plan.Created.Select(i => i.Id));
        Assert.All(plan.Created, i => Assert.Equal(Now, i.CreatedAt));
        Assert.Empty(plan.EntityHashes);
        Assert.Equal(9, planner.MaxSeq);
        Assert.Equal(plan.Items, plan.ToResult().Items);
        Assert.Equal(plan.Created, plan.ToResult().Created);
    }

    [Fact]
    public void Plan_WithNothingReplayed_CreatesEveryItem()
    {
        var plan = new WritePlanner(0).Plan([Node(Id(1)), Node(Id(2))], 0, default(StoredItems), Now);
        Assert.Equal(plan.Items, plan.Created);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(200)] // hashed on all cores
    public void Plan_WithHashing_GivesTheEntityHashOfEachCreatedItemInSeqOrder(int size)
    {
        var inputs = Enumerable.Range(1, size).Select(n => (GraphItemInput)Node(Id(n), payload: $"{{\"n\":{n}}}")).Prepend(Node(Id(1_000))).ToList();
        var plan = new WritePlanner(5, Audited).Plan(inputs, 0, Stored(StoredNode(1_000, 5)), Now);

        Assert.Equal(size, plan.Created.Count);
        Assert.Equal(plan.Created.Select(AuditChain.EntityHash), plan.EntityHashes);
        Assert.Equal(Enumerable.Range(6, size).Select(n => (long)n), plan.Created.Select(i => i.Seq));
    }

    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(200, 70, 80)]
    [InlineData(200, 90, 80)]
    public void Plan_WithHashing_ThrowsTheFirstBadInputsError(int size, int unhashable, int dangling)
    {
        var inputs = Enumerable.Range(0, size).Select(i => i == unhashable ? Node(Id(i + 1), payload: "{\"a\":1,\"a\":2}")
            : i == dangling ? Edge(Id(1), Id(9_999), Id(i + 1))
            : (GraphItemInput)Node(Id(i + 1))).ToList();
        var planner = new WritePlanner(0, Audited);

        var error = Assert.ThrowsAny<ReasoningGraphException>(() => planner.Plan(inputs, 0, default(StoredItems), Now));

        Assert.Equal(unhashable < dangling ? ErrorCodes.InvalidPayload : ErrorCodes.NotFound, error.ErrorCode);
        Assert.Equal(Math.Min(unhashable, dangling).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Details["index"]);
        Assert.Equal(0, planner.MaxSeq);
    }

    [Fact]
    public void Plan_WithHashing_ReportsAnUnhashableReplayAsInvalidPayload()
    {
        var error = Assert.Throws<ReasoningGraphException>(() =>
            new WritePlanner(1, Audited).Plan([Node(Id(1), payload: "{\"a\":1,\"a\":2}")], 0, Stored(StoredNode(1, 1)), Now));
        Assert.Equal(ErrorCodes.InvalidPayload, error.ErrorCode);
        Assert.Equal("The item cannot be canonicalized (duplicate-key), so it cannot be hashed and audited.", error.Message);
    }

    [Fact]
    public void Plan_WithoutHashing_LetsTheCanonicalizationErrorOfAReplayThrough()
    {
        Assert.Throws<CanonicalizationException>(() =>
            new WritePlanner(1).Plan([Node(Id(1), payload: "{\"a\":1,\"a\":2}")], 0, Stored(StoredNode(1, 1)), Now));
    }

    [Fact]
    public void Plan_SeesWhatEarlierPlansOfTheSamePlannerPlanned()
    {
        var planner = new WritePlanner(0);
        planner.Plan([Node(Id(1))], 0, default(StoredItems), Now);
        planner.Plan([Node(Id(2)), Node(Id(3))], 0, default(StoredItems), Now);

        var plan = planner.Plan([Node(Id(1)), Edge(Id(1), Id(3), Id(4))], 0, default(StoredItems), Now);

        Assert.Equal([1L, 4L], plan.Items.Select(i => i.Seq));
        Assert.Equal([Id(4)], plan.Created.Select(i => i.Id));
        var conflict = Assert.Throws<ReasoningGraphException>(() => planner.Plan([Node(Id(2), type: "decision")], 0, default(StoredItems), Now));
        Assert.Equal(ErrorCodes.Conflict, conflict.ErrorCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Plan_ThatFails_TakesBackWhatItPlanned(bool hashed)
    {
        var planner = new WritePlanner(0, hashed ? Audited : null);
        planner.Plan([Node(Id(1))], 0, default(StoredItems), Now);

        Assert.Throws<ReasoningGraphException>(() => planner.Plan([Node(Id(2)), Node(Id(3)), Edge(Id(1), Id(99))], 0, default(StoredItems), Now));

        Assert.Equal(1, planner.MaxSeq);
        var error = Assert.Throws<ReasoningGraphException>(() => planner.Plan([Edge(Id(1), Id(2))], 0, default(StoredItems), Now));
        Assert.Equal(ErrorCodes.NotFound, error.ErrorCode);
        var plan = planner.Plan([Node(Id(2), type: "decision"), Edge(Id(1), Id(2))], 0, default(StoredItems), Now);
        Assert.Equal([2L, 3L], plan.Items.Select(i => i.Seq));
    }

    [Fact]
    public void Plan_ThatFailsAfterAReplay_TakesBackWhatItPlanned()
    {
        var planner = new WritePlanner(1);
        Assert.Throws<ReasoningGraphException>(() =>
            planner.Plan([Node(Id(2)), Node(Id(1)), Node(Id(3)), Edge(Id(1), Id(99))], 0, Stored(StoredNode(1, 1)), Now));
        var plan = planner.Plan([Node(Id(2), type: "decision"), Node(Id(3), type: "decision")], 0, default(StoredItems), Now);
        Assert.Equal(2, plan.Created.Count);
    }

    [Fact]
    public void ForgetPlanned_KeepsMaxSeq_AndLeavesLookupsToTheStore()
    {
        var planner = new WritePlanner(0);
        var first = planner.Plan([Node(Id(1)), Node(Id(2))], 0, default(StoredItems), Now);
        planner.Plan([Node(Id(3))], 2, default(StoredItems), Now);

        planner.ForgetPlanned();

        Assert.Equal(3, planner.MaxSeq);
        Assert.Throws<ReasoningGraphException>(() => planner.Plan([Edge(Id(1), Id(2))], 3, default(StoredItems), Now));
        var plan = planner.Plan([Node(Id(1)), Edge(Id(1), Id(2), Id(4))], 3, Stored([.. first.Created]), Now);
        Assert.Equal([1L, 4L], plan.Items.Select(i => i.Seq));
    }

    [Fact]
    public void Errors_NameTheIndexInTheWholeStream()
    {
        var planner = new WritePlanner(0);
        var notFound = Assert.Throws<ReasoningGraphException>(() => planner.Plan([Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(99), Id(3))], 1_000, default(StoredItems), Now));
        Assert.Equal("1002", notFound.Details["index"]);
        var misuse = Assert.Throws<ArgumentException>(() => planner.Plan([Node(Id(1)), Node()], 1_000, default(StoredItems), Now));
        Assert.StartsWith("The input at index 1001 has no id", misuse.Message, StringComparison.Ordinal);
        Assert.Equal("inputs", misuse.ParamName);
        Assert.StartsWith("The input at index 41 has no id", Assert.Throws<ArgumentException>(() => WritePlanner.IdsToLookUp([Node()], 41)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeqLimit_StopsPlanningWithTheStoresMessage_AndTakesBackThePlan()
    {
        var planner = new WritePlanner(0, new WritePlannerOptions { SeqLimit = 2, SeqLimitMessage = "The store is full." });
        var error = Assert.Throws<InvalidOperationException>(() => planner.Plan([Node(Id(1)), Node(Id(2)), Node(Id(3))], 0, default(StoredItems), Now));
        Assert.Equal("The store is full.", error.Message);
        Assert.Equal(0, planner.MaxSeq);
        Assert.Equal([1L, 2L], planner.Plan([Node(Id(1)), Node(Id(2))], 0, default(StoredItems), Now).Items.Select(i => i.Seq));
        Assert.Equal([2L], planner.Plan([Node(Id(2))], 0, default(StoredItems), Now).Items.Select(i => i.Seq));
        Assert.Contains("2", Assert.Throws<InvalidOperationException>(() =>
            new WritePlanner(2, new WritePlannerOptions { SeqLimit = 2 }).Plan([Node(Id(3))], 0, default(StoredItems), Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckInput_RunsForNewInputsOnly_AndItsErrorStopsThePlan()
    {
        var checkedIndexes = new List<long>();
        var options = new WritePlannerOptions
        {
            CheckInput = (input, index) =>
            {
                checkedIndexes.Add(index);
                if (input is NodeInput { Type: "bad" })
                {
                    throw GraphErrors.InvalidPayload("type", "bad type", index, input.Id);
                }
            },
        };
        var planner = new WritePlanner(1, options);
        planner.Plan([Node(Id(1)), Node(Id(2))], 10, Stored(StoredNode(1, 1)), Now);
        Assert.Equal([11L], checkedIndexes);

        var error = Assert.Throws<ReasoningGraphException>(() => planner.Plan([Node(Id(3)), Node(Id(4), type: "bad")], 20, default(StoredItems), Now));
        Assert.Equal(("type", "21"), (error.Details["field"], error.Details["index"]));
        Assert.Equal(2, planner.MaxSeq);
    }

    [Fact]
    public void IdsToLookUp_NamesEachIdOnce_WithTheReferences()
    {
        var ids = WritePlanner.IdsToLookUp([Node(Id(1)), Edge(Id(1), Id(2), Id(3)), Note(Id(3), Id(4), targetType: AnnotationTargetType.Edge)]);
        Assert.Equal([Id(1), Id(2), Id(3), Id(4)], ids.Order());
    }

    [Fact]
    public void DefaultStoredItems_HoldsNothing() => Assert.Null(default(StoredItems).Find(Id(1)));
}
