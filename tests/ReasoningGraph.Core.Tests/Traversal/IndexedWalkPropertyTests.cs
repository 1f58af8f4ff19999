using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Traversal;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Traversal;

/// <summary>The in-memory store's indexed walk and the generic frontier-fetch walk give identical pages.</summary>
public sealed class IndexedWalkPropertyTests
{
    [Fact]
    public void IndexedAndGenericWalks_GiveIdenticalPages_ForAnyGraphFiltersDirectionOrderAndAsOf() =>
        Prop.ForAll(WalkCase.Arbitrary, Gen.Choose(0, 100).ToArbitrary(), (c, asOfPercent) => CompareAsync(c, asOfPercent).GetAwaiter().GetResult())
            .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    private static async Task CompareAsync(WalkCase c, int asOfPercent)
    {
        var graph = await c.Graph.BuildAsync(indexed: false);
        var indexed = new ReasoningGraphService(Microsoft.Extensions.Options.Options.Create(graph.Options), graph.Store.Inner, timeProvider: graph.Time);
        long asOf = await graph.Store.GetMaxSeqAsync() * asOfPercent / 100;
        var generic = await PagesAsync(graph.Service, c, asOf);
        var fast = await PagesAsync(indexed, c, asOf);
        Assert.Equal(generic.Error, fast.Error);
        Assert.Equal(generic.Pages.Count, fast.Pages.Count);
        for (int p = 0; p < generic.Pages.Count; p++)
        {
            var (a, b) = (generic.Pages[p], fast.Pages[p]);
            Assert.Equal(a.Steps.Select(s => (s.Node.Id, s.Node.Seq, s.Depth)), b.Steps.Select(s => (s.Node.Id, s.Node.Seq, s.Depth)));
            Assert.Equal(
                a.Edges.Select(e => (e.Edge.Id, e.Edge.From, e.Edge.To, e.Edge.Type, e.Edge.Weight, e.Edge.CreatedAt, e.Edge.Seq, e.Revisit)),
                b.Edges.Select(e => (e.Edge.Id, e.Edge.From, e.Edge.To, e.Edge.Type, e.Edge.Weight, e.Edge.CreatedAt, e.Edge.Seq, e.Revisit)));
            Assert.Equal(a.CycleDetected, b.CycleDetected);
            Assert.Equal(a.AsOf, b.AsOf);
            Assert.Equal(a.NextCursor, b.NextCursor);
        }
    }

    /// <summary>Every page of the case's walk as of <paramref name="asOf"/>, or the error code of the first page.</summary>
    private static async Task<(List<TraversalPage> Pages, string? Error)> PagesAsync(ReasoningGraphService service, WalkCase c, long asOf)
    {
        var pages = new List<TraversalPage>();
        string? cursor = null;
        try
        {
            do
            {
                var page = await service.TraceAsync(c.Root, c.Direction, c.Options(c.PageSize, c.Order, cursor, cursor is null ? asOf : null));
                pages.Add(page);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
        catch (ReasoningGraphException error) when (pages.Count == 0)
        {
            return (pages, error.ErrorCode);
        }

        return (pages, null);
    }
}
