namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The member every success answer starts with, <c>"ok": true</c>; the OpenAPI document joins it to each answer's own members.</summary>
internal sealed record OkEnvelope
{
    public required bool Ok { get; init; }
}
