namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// What readers see: array references and the counts published with them. Slots below the counts are
/// immutable (adjacency arrays only grow past them), so a reader holding a state needs no lock.
/// </summary>
internal sealed class StoreState
{
    /// <summary>A new empty state; each store needs its own, because the id indexes are written in place.</summary>
    public static StoreState CreateEmpty() => new()
    {
        Nodes = [], Edges = [], Annotations = [], Log = [], EdgeTypes = [],
        Ids = new IdIndex(16), AnnotationHeads = new IdIndex(16),
    };

    public required NodeSlot[] Nodes { get; init; }

    public int NodeCount { get; init; }

    public required EdgeRecord[] Edges { get; init; }

    public int EdgeCount { get; init; }

    public required AnnotationSlot[] Annotations { get; init; }

    public int AnnotationCount { get; init; }

    /// <summary>By <c>seq - 1</c>: the item's index in its array, shifted left by 2, or'ed with its <see cref="Model.GraphItemKind"/>.</summary>
    public required int[] Log { get; init; }

    /// <summary>The highest published sequence number (= number of items).</summary>
    public int MaxSeq { get; init; }

    /// <summary>Interned edge type names; <see cref="EdgeRecord.TypeId"/> indexes it.</summary>
    public required string[] EdgeTypes { get; init; }

    /// <summary>id → <c>seq</c> of every item.</summary>
    public required IdIndex Ids { get; init; }

    /// <summary>target id → index + 1 of its latest annotation.</summary>
    public required IdIndex AnnotationHeads { get; init; }

    public int ClampAsOf(long asOf) => asOf >= MaxSeq ? MaxSeq : (int)Math.Max(asOf, 0);
}
