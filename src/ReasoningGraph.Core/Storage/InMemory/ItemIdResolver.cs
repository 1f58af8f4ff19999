using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>Resolves a <c>seq</c> to the id of the item stored under it.</summary>
internal readonly struct ItemIdResolver(int[] log, NodeSlot[] nodes, EdgeRecord[] edges, AnnotationSlot[] annotations) : IIdResolver
{
    public ItemIdResolver(StoreState state)
        : this(state.Log, state.Nodes, state.Edges, state.Annotations)
    {
    }

    public Guid KeyOf(int value)
    {
        int entry = log[value - 1];
        int index = entry >> 2;
        return (GraphItemKind)(entry & 3) switch
        {
            GraphItemKind.Node => nodes[index].Node.Id,
            GraphItemKind.Edge => edges[index].Id,
            _ => annotations[index].Annotation.Id,
        };
    }
}
