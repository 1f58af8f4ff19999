namespace ReasoningGraph.Snapshots;

/// <summary>What <see cref="SnapshotVerifier"/> read from a document: the signed object to hash and the decoded proof.</summary>
internal sealed class DocumentMembers
{
    public SnapshotVerificationResult? Problem { get; init; }

    public string? Id { get; init; }

    public string? SignerId { get; init; }

    /// <summary>The rebuilt signed object, in canonical form: the bytes to hash.</summary>
    public byte[]? SignedObject { get; init; }

    public byte[] CanonicalHash { get; init; } = [];

    public byte[] Hash { get; init; } = [];

    public byte[] Signature { get; init; } = [];

    public IReadOnlyList<string> Unsigned { get; init; } = [];
}
