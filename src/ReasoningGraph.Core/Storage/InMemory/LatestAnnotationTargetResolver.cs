namespace ReasoningGraph.Storage.InMemory;

/// <summary>
/// Resolves an annotation head for a reader. A head may be newer than the reader's snapshot, so the array is
/// read after the head (acquire), when it is guaranteed to hold the slot.
/// </summary>
internal readonly struct LatestAnnotationTargetResolver(InMemoryGraphStore store) : IIdResolver
{
    public Guid KeyOf(int value) => store.LatestAnnotationSlot(value - 1).Annotation.TargetId;
}
