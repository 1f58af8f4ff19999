using System.Text.Json;

namespace ReasoningGraph.Host.VerifiableLog;

/// <summary>A proof's <c>hashes</c> member: its 32-byte hashes in standard base64, in proof order.</summary>
internal static class ProofHashes
{
    private const string Name = "hashes";

    public static void Write(Utf8JsonWriter writer, IEnumerable<byte[]> hashes)
    {
        writer.WriteStartArray(Name);
        foreach (byte[] hash in hashes)
        {
            writer.WriteBase64StringValue(hash);
        }

        writer.WriteEndArray();
    }

    /// <exception cref="FormatException">No <c>hashes</c> array of base64 strings.</exception>
    public static List<byte[]> Parse(JsonElement proof)
    {
        if (!proof.TryGetProperty(Name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("The proof has no \"hashes\" array.");
        }

        var hashes = new List<byte[]>();
        foreach (var hash in array.EnumerateArray())
        {
            hashes.Add(hash.ValueKind == JsonValueKind.String && hash.TryGetBytesFromBase64(out byte[]? bytes)
                ? bytes
                : throw new FormatException($"hashes[{hashes.Count}] is not base64."));
        }

        return hashes;
    }
}
