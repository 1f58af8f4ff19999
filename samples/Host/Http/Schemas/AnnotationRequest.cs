using System.Text.Json;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The body of <c>POST /reason/node/{id}/annotations</c>: an annotation input whose target is the path's id.</summary>
internal sealed record AnnotationRequest
{
    public Guid? Id { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When sent, equal to the id in the path.</summary>
    public Guid? TargetId { get; init; }

    /// <summary><c>node</c> (default) or <c>edge</c>.</summary>
    public AnnotationTargetType? TargetType { get; init; }

    public required string AnnotationType { get; init; }

    public required string Author { get; init; }

    public required JsonElement Payload { get; init; }
}
