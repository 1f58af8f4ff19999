namespace ReasoningGraph.Replay;

/// <summary>The stable <see cref="SnapshotReplayResult.Difference"/> codes.</summary>
public static class SnapshotReplayDifferences
{
    /// <summary>The archived document itself does not verify (bad signature, unknown signer, changed bytes, malformed).</summary>
    public const string Signature = "signature";

    /// <summary>An item the archived snapshot holds (a root among them) is not in the rebuilt graph.</summary>
    public const string ItemMissing = "item-missing";

    /// <summary>The archived snapshot was redacted under another PII policy version than the one configured for the rebuild.</summary>
    public const string PiiPolicyVersion = "pii-policy-version";

    /// <summary>The rebuilt graph yields other nodes, edges or annotations than those archived (named in the message).</summary>
    public const string PayloadDiffers = "payload-differs";

    /// <summary>The payloads agree but the canonical signed bytes do not (a canonicalization change): hashes differ.</summary>
    public const string CanonicalBytesDiffer = "canonical-bytes-differ";
}
