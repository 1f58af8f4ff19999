namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The tree of <c>to</c> events extends the tree of <c>from</c>; <c>hashes</c> base64, RFC 6962.</summary>
internal sealed record ConsistencyProofAnswer
{
    public required long From { get; init; }

    public required long To { get; init; }

    public required IReadOnlyList<string> Hashes { get; init; }
}
