using System.Text.Json.Serialization;

namespace ReasoningGraph.Tracing;

/// <summary>
/// Everything that led to a node, as one linear, explainable path:
/// <c>{"trace_id","ordered_path":[…],"metadata":{…}}</c>.
/// </summary>
public sealed record CausalTrace
{
    /// <summary>The trace's id: the id of the node it explains.</summary>
    [JsonPropertyName("trace_id")]
    public required string TraceId { get; init; }

    /// <summary>Nodes and edges in causal order (see <see cref="CausalTraceEntry.CausalIndex"/>).</summary>
    [JsonPropertyName("ordered_path")]
    public required IReadOnlyList<CausalTraceEntry> OrderedPath { get; init; }

    /// <summary>Counts and cycle facts.</summary>
    [JsonPropertyName("metadata")]
    public required CausalTraceMetadata Metadata { get; init; }

    /// <summary>
    /// The store position (its max <c>seq</c>) the trace was built at: it holds exactly the items and annotations
    /// with a <c>seq</c> up to this, so it stays valid until the next write. Not serialized.
    /// </summary>
    [JsonIgnore]
    public long AsOf { get; init; }

    /// <summary>Its id and length only: items may carry PII, and results end up in logs.</summary>
    /// <returns>For example <c>CausalTrace … (12 items)</c>.</returns>
    public override string ToString() => $"CausalTrace {TraceId} ({OrderedPath.Count} items)";
}
