using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace ReasoningGraph.Signing.Tests.Interop;

/// <summary>
/// A deliberately separate snapshot verifier built from the BCL and NSec only, following INTEROP.md §3 word for
/// word with its own small kernel-profile canonicalizer (enough for integral and plain decimal numbers). It shares
/// no code with the library, so agreement is evidence, not tautology.
/// </summary>
internal static class IndependentVerifier
{
    private static readonly string[] Signed = ["id", "root_ids", "created_at", "reasoning_graph_version", "payload", "manifest_signature_id"];

    /// <summary>Verifies <paramref name="document"/> against a registry in the Kernel's shape <c>{"kid":{"publicKey":"&lt;base64 SPKI&gt;"}}</c>.</summary>
    public static bool Verify(ReadOnlySpan<byte> document, string kernelRegistry)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        var signed = new JsonObject();
        foreach (string name in Signed)
        {
            if (root[name] is { } value)
            {
                signed[name] = value.DeepClone();
            }
        }

        byte[] digest = SHA256.HashData(Canonical(signed));
        if ((string?)root["snapshot_bytes_canonical_hash"] != Convert.ToBase64String(digest) || (string?)root["hash"] != Convert.ToHexStringLower(digest))
        {
            return false;
        }

        string? publicKey = (string?)JsonNode.Parse(kernelRegistry)![(string)root["signer_kid"]!]?["publicKey"];
        if (publicKey is null)
        {
            return false;
        }

        byte[] spki = Convert.FromBase64String(publicKey);
        if (Convert.ToHexStringLower(spki.AsSpan(0, 12)) != "302a300506032b6570032100")
        {
            return false;
        }

        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, spki.AsSpan(12), KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(key, digest, Convert.FromBase64String((string)root["signature"]!));
    }

    public static byte[] Canonical(JsonNode? node)
    {
        var output = new StringBuilder();
        Write(node, output);
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private static void Write(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                output.Append('{');
                bool first = true;
                foreach (var member in obj.OrderBy(m => Encoding.UTF8.GetBytes(m.Key), ByteOrder.Instance))
                {
                    output.Append(first ? "" : ",");
                    first = false;
                    WriteString(member.Key, output);
                    output.Append(':');
                    Write(member.Value, output);
                }

                output.Append('}');
                break;
            case JsonArray array:
                output.Append('[');
                for (int i = 0; i < array.Count; i++)
                {
                    output.Append(i == 0 ? "" : ",");
                    Write(array[i], output);
                }

                output.Append(']');
                break;
            default:
                var element = node.GetValue<JsonElement>();
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        WriteString(element.GetString()!, output);
                        break;
                    case JsonValueKind.Number:
                        output.Append(Number(element.GetDouble()));
                        break;
                    default:
                        output.Append(element.GetRawText());
                        break;
                }

                break;
        }
    }

    private static string Number(double value)
    {
        if (Math.Abs(value) >= 1e15 || (value != 0 && Math.Abs(value) < 1e-6))
        {
            throw new NotSupportedException("The independent canonicalizer only handles plain-range numbers.");
        }

        return value == Math.Floor(value)
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (char c in text)
        {
            output.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        output.Append('"');
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
