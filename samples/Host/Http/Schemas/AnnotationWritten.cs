using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>A written (or replayed) annotation: <c>{annotationId, createdAt, annotation}</c>.</summary>
internal sealed record AnnotationWritten
{
    public required Guid AnnotationId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required ReasoningAnnotation Annotation { get; init; }
}
