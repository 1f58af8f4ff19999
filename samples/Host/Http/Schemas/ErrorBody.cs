namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The <c>error</c> of <see cref="ErrorEnvelope"/>: a stable code, a message for people and string details (e.g. <c>field</c>, <c>reason</c>).</summary>
internal sealed record ErrorBody
{
    public required string Code { get; init; }

    public required string Message { get; init; }

    public required IReadOnlyDictionary<string, string> Details { get; init; }
}
