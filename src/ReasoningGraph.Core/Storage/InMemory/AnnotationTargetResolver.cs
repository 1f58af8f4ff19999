namespace ReasoningGraph.Storage.InMemory;

/// <summary>Resolves an annotation index + 1 to the id of the annotation's target.</summary>
internal readonly struct AnnotationTargetResolver(AnnotationSlot[] annotations) : IIdResolver
{
    public Guid KeyOf(int value) => annotations[value - 1].Annotation.TargetId;
}
