using System.Text.Json;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>
/// That the tree of <see cref="To"/> events extends the tree of <see cref="From"/>: JSON
/// <c>{"from","to","hashes":[base64…]}</c>, which Go's <c>sumdb/tlog.CheckTree</c> checks against the two checkpoints.
/// </summary>
internal sealed record ConsistencyProof(long From, long To, IReadOnlyList<byte[]> Hashes)
{
    /// <summary>Writes the proof's members into the object being written.</summary>
    public void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteNumber("from", From);
        writer.WriteNumber("to", To);
        ProofHashes.Write(writer, Hashes);
    }
}
