namespace ReasoningGraph.Host.Http.Schemas;

/// <summary>The note verifier key (<c>name+hexid+base64key</c>) that opens the checkpoints, its name and the log's origin.</summary>
internal sealed record VerifierKeyAnswer
{
    public required string VerifierKey { get; init; }

    public required string KeyName { get; init; }

    public required string Origin { get; init; }
}
