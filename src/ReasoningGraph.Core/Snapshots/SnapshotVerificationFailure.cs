namespace ReasoningGraph.Snapshots;

/// <summary>Why a snapshot document failed verification, in the order the checks run.</summary>
public enum SnapshotVerificationFailure
{
    /// <summary>Nothing failed: the document is verified.</summary>
    None = 0,

    /// <summary>The document is not a snapshot document: invalid JSON, a missing or mistyped member, an undecodable proof value, or unsigned data.</summary>
    MalformedDocument = 1,

    /// <summary>The signed part does not hash to <c>snapshot_bytes_canonical_hash</c> or <c>hash</c>: it was changed after signing.</summary>
    HashMismatch = 2,

    /// <summary><c>signer_kid</c> is not in the signer registry.</summary>
    UnknownSigner = 3,

    /// <summary>The signature does not verify with the registered key of <c>signer_kid</c>.</summary>
    BadSignature = 4,
}
