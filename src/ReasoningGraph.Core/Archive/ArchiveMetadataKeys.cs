namespace ReasoningGraph.Archive;

/// <summary>The names of the per-object metadata an archive stores beside each document (S3 <c>x-amz-meta-*</c>).</summary>
internal static class ArchiveMetadataKeys
{
    /// <summary>The snapshot id (the document's <c>id</c>).</summary>
    public const string SnapshotId = "snapshot_id";

    /// <summary>Lowercase hex SHA-256 of the signed bytes (the document's <c>hash</c>).</summary>
    public const string Hash = "hash";

    /// <summary>The signer id (the document's <c>signer_kid</c>).</summary>
    public const string SignerKid = "signer_kid";

    /// <summary>Standard base64 of the signature (the document's <c>signature</c>).</summary>
    public const string Signature = "signature";

    /// <summary>When the snapshot was taken (the document's <c>created_at</c>).</summary>
    public const string Timestamp = "ts";

    /// <summary><c>true</c> or <c>false</c>: whether the payload may include PII (the payload's <c>pii_included</c>); absent when the payload does not say.</summary>
    public const string PiiIncluded = "pii_included";

    /// <summary>The PII policy version the payload was redacted under (the payload's <c>pii_policy_version</c>); absent when the payload does not say.</summary>
    public const string PiiPolicyVersion = "pii_policy_version";
}
