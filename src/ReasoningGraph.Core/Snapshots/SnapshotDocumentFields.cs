namespace ReasoningGraph.Snapshots;

/// <summary>The member names of a snapshot document (INTEROP.md §3).</summary>
public static class SnapshotDocumentFields
{
    /// <summary>The snapshot id (signed).</summary>
    public const string Id = "id";

    /// <summary>The root node ids the snapshot was taken around (signed).</summary>
    public const string RootIds = "root_ids";

    /// <summary>When the snapshot was taken, RFC 3339 (signed).</summary>
    public const string CreatedAt = "created_at";

    /// <summary>The version of Reasoning Graph that built it (signed).</summary>
    public const string ReasoningGraphVersion = "reasoning_graph_version";

    /// <summary>The frozen subgraph and its audience (signed).</summary>
    public const string Payload = "payload";

    /// <summary>The optional manifest signature id (signed when present).</summary>
    public const string ManifestSignatureId = "manifest_signature_id";

    /// <summary>Standard base64 of the SHA-256 of the signed bytes (proof, not signed).</summary>
    public const string CanonicalHash = "snapshot_bytes_canonical_hash";

    /// <summary>Lowercase hex of the same SHA-256 (proof, not signed).</summary>
    public const string Hash = "hash";

    /// <summary>The signer id under which the public key is registered (proof, not signed).</summary>
    public const string SignerKid = "signer_kid";

    /// <summary>Standard base64 of the signature over the 32 digest bytes (proof, not signed).</summary>
    public const string Signature = "signature";

    /// <summary>
    /// The C2SP signed note of the audit log's checkpoint current when the document was signed (attached, neither
    /// signed nor proof: verification of the document is unchanged by it, and it is vouched for by its own signature).
    /// </summary>
    public const string LogCheckpoint = "log_checkpoint";

    /// <summary>The members this library attaches outside the signed object and the proof, accepted by every verification.</summary>
    public static IReadOnlyList<string> AttachedMembers { get; } = [LogCheckpoint];

    /// <summary>The members that make up the signed object, in canonical (sorted) order.</summary>
    public static IReadOnlyList<string> SignedMembers { get; } =
        [CreatedAt, Id, ManifestSignatureId, Payload, ReasoningGraphVersion, RootIds];

    /// <summary>The proof members, which are not signed, in canonical (sorted) order.</summary>
    public static IReadOnlyList<string> ProofMembers { get; } = [Hash, Signature, SignerKid, CanonicalHash];
}
