using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>A stored remark about a node or an edge: a note, a correction, …. Append-only like everything else.</summary>
public sealed record ReasoningAnnotation : GraphItem
{
    /// <summary>The id of the annotated node or edge.</summary>
    [JsonPropertyOrder(1)]
    public required Guid TargetId { get; init; }

    /// <summary>Whether <see cref="TargetId"/> names a node or an edge.</summary>
    [JsonPropertyOrder(2)]
    public required AnnotationTargetType TargetType { get; init; }

    /// <summary>The kind of remark, for example <c>note</c> or <c>correction</c> (see <see cref="WellKnownAnnotationTypes"/>).</summary>
    [JsonPropertyOrder(3)]
    public required string AnnotationType { get; init; }

    /// <summary>Who wrote the annotation.</summary>
    [JsonPropertyOrder(4)]
    public required string Author { get; init; }

    /// <summary>The annotation's content: a JSON object.</summary>
    [JsonPropertyOrder(5)]
    public required JsonElement Payload { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override GraphItemKind Kind => GraphItemKind.Annotation;

    /// <inheritdoc/>
    private protected override void DerivedInCoreOnly()
    {
    }
}
