using System.Text.Json;
using ReasoningGraph.Audit;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// That the event with <see cref="EventHash"/> is leaf <see cref="LeafIndex"/> of the tree of <see cref="TreeSize"/>
/// events: JSON <c>{"leafIndex","treeSize","eventHash"(hex),"hashes":[base64…]}</c>, which Go's
/// <c>sumdb/tlog.CheckRecord</c> checks against a checkpoint of that size as well as <see cref="Verify"/> does.
/// </summary>
internal sealed record InclusionProof(long LeafIndex, long TreeSize, byte[] EventHash, IReadOnlyList<byte[]> Hashes)
{
    /// <summary>Writes the proof's members into the object being written.</summary>
    public void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteNumber("leafIndex", LeafIndex);
        writer.WriteNumber("treeSize", TreeSize);
        writer.WriteString("eventHash", Convert.ToHexStringLower(EventHash));
        ProofHashes.Write(writer, Hashes);
    }

    /// <summary>Reads a proof (members other than the four, such as the service's <c>ok</c>, are ignored).</summary>
    /// <exception cref="FormatException">Not an inclusion proof.</exception>
    public static InclusionProof Parse(JsonElement proof)
    {
        if (proof.ValueKind != JsonValueKind.Object
            || !proof.TryGetProperty("leafIndex", out var index) || !index.TryGetInt64(out long leafIndex)
            || !proof.TryGetProperty("treeSize", out var size) || !size.TryGetInt64(out long treeSize)
            || !proof.TryGetProperty("eventHash", out var hash) || hash.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("An inclusion proof is {\"leafIndex\",\"treeSize\",\"eventHash\",\"hashes\"} (reasoning-graph log inclusion, GET /reason/log/inclusion).");
        }

        byte[] eventHash = hash.GetString()!.Length == 64 ? Convert.FromHexString(hash.GetString()!) : throw new FormatException("eventHash is not 64 hex digits.");
        return new InclusionProof(leafIndex, treeSize, eventHash, ProofHashes.Parse(proof));
    }

    /// <summary>
    /// Null when the proof shows its event in the tree <paramref name="checkpoint"/> names; else the named reason:
    /// <c>tree-size-mismatch</c> (a proof for another size) or <c>inclusion-mismatch</c> (the hashes do not lead to
    /// the checkpoint's root: any hash, the event's included, changed).
    /// </summary>
    public string? Problem(LogCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (TreeSize != checkpoint.TreeSize)
        {
            return $"tree-size-mismatch: the proof is for a tree of {TreeSize} events, the checkpoint's holds {checkpoint.TreeSize}.";
        }

        return MerkleLog.VerifyInclusion(LeafIndex, TreeSize, MerkleLog.LeafHash(EventHash), Hashes, checkpoint.RootHash.Span)
            ? null
            : $"inclusion-mismatch: the proof does not lead from event {Convert.ToHexStringLower(EventHash)} at leaf {LeafIndex} to the checkpoint's root.";
    }
}
