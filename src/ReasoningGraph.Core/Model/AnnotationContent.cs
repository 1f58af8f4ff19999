using System.Text.Json;

namespace ReasoningGraph.Model;

/// <summary>The content fields of an annotation.</summary>
internal sealed class AnnotationContent
{
    public required Guid Id { get; init; }
    public required Guid TargetId { get; init; }
    public required AnnotationTargetType TargetType { get; init; }
    public required string AnnotationType { get; init; }
    public required string Author { get; init; }
    public required JsonElement Payload { get; init; }
}
