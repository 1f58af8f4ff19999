namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>Audit event <c>leafIndex</c> (hex <c>eventHash</c>) is in the tree of the first <c>treeSize</c> events; <c>hashes</c> base64, RFC 6962.</summary>
internal sealed record InclusionProofAnswer
{
    public required long LeafIndex { get; init; }

    public required long TreeSize { get; init; }

    public required string EventHash { get; init; }

    public required IReadOnlyList<string> Hashes { get; init; }
}
