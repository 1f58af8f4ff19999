using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.InMemory;

/// <summary>A stored annotation, chained to the previous annotation on the same target (index + 1, 0 at the end).</summary>
internal readonly record struct AnnotationSlot(ReasoningAnnotation Annotation, int Previous);
