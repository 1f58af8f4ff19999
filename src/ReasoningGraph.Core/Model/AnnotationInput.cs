using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReasoningGraph.Model;

/// <summary>An annotation to write. The target must exist in the store or earlier in the same batch.</summary>
public sealed record AnnotationInput : GraphItemInput
{
    /// <summary>The id of the annotated node or edge.</summary>
    [JsonPropertyOrder(1)]
    public required Guid TargetId { get; init; }

    /// <summary>Whether <see cref="TargetId"/> names a node or an edge.</summary>
    [JsonPropertyOrder(2)]
    public required AnnotationTargetType TargetType { get; init; }

    /// <summary>The kind of remark, for example <c>note</c> or <c>correction</c>; required.</summary>
    [JsonPropertyOrder(3)]
    public required string AnnotationType { get; init; }

    /// <summary>Who writes the annotation; required, not blank.</summary>
    [JsonPropertyOrder(4)]
    public required string Author { get; init; }

    /// <summary>A JSON object, at most the configured size.</summary>
    [JsonPropertyOrder(5)]
    public required JsonElement Payload { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override GraphItemKind Kind => GraphItemKind.Annotation;

    /// <inheritdoc/>
    public override GraphItem ToItem(long seq, DateTimeOffset createdAt) => new ReasoningAnnotation
    {
        Id = RequiredId,
        TargetId = TargetId,
        TargetType = TargetType,
        AnnotationType = AnnotationType,
        Author = Author,
        Payload = Payload,
        CreatedAt = StoredTime(createdAt),
        Seq = seq,
    };

    /// <inheritdoc/>
    private protected override void DerivedInCoreOnly()
    {
    }
}
