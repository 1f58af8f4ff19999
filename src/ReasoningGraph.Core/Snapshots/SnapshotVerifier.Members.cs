using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using F = ReasoningGraph.Snapshots.SnapshotDocumentFields;

namespace ReasoningGraph.Snapshots;

public sealed partial class SnapshotVerifier
{
    private const int DigestLength = 32;

    private static DocumentMembers ReadMembers(JsonElement root, bool allowUnsignedMembers)
    {
        string? id = root.TryGetProperty(F.Id, out var idValue) && idValue.ValueKind == JsonValueKind.String ? idValue.GetString() : null;
        string? signerId = root.TryGetProperty(F.SignerKid, out var kidValue) && kidValue.ValueKind == JsonValueKind.String ? kidValue.GetString() : null;
        DocumentMembers Problem(string field, string message) => new()
        {
            Problem = new(SnapshotVerificationFailure.MalformedDocument, field, message) { SnapshotId = id, SignerId = signerId },
        };

        if (CheckSigned(root) is { } signedProblem)
        {
            return Problem(signedProblem.Field, signedProblem.Message);
        }

        if (!TryString(root, F.SignerKid, out _, out string? kidProblem))
        {
            return Problem(F.SignerKid, kidProblem);
        }

        if (!TryDecode(root, F.CanonicalHash, hex: false, DigestLength, out byte[] canonicalHash, out string? problem))
        {
            return Problem(F.CanonicalHash, problem);
        }

        if (!TryDecode(root, F.Hash, hex: true, DigestLength, out byte[] hash, out problem))
        {
            return Problem(F.Hash, problem);
        }

        if (!TryDecode(root, F.Signature, hex: false, 0, out byte[] signature, out problem))
        {
            return Problem(F.Signature, problem);
        }

        var unsigned = root.EnumerateObject()
            .Select(member => member.Name)
            .Where(name => !F.SignedMembers.Contains(name) && !F.ProofMembers.Contains(name) && !F.AttachedMembers.Contains(name))
            .ToList();
        if (unsigned.Count > 0 && !allowUnsignedMembers)
        {
            return Problem(unsigned[0], $"{unsigned[0]} is neither signed nor proof: unsigned data is not accepted in a snapshot document");
        }

        return new DocumentMembers
        {
            Id = id,
            SignerId = signerId,
            SignedObject = RebuildSignedObject(root),
            CanonicalHash = canonicalHash,
            Hash = hash,
            Signature = signature,
            Unsigned = unsigned,
        };
    }

    private static (string Field, string Message)? CheckSigned(JsonElement root)
    {
        foreach (string field in new[] { F.Id, F.CreatedAt, F.ReasoningGraphVersion })
        {
            if (!TryString(root, field, out _, out string? problem))
            {
                return (field, problem);
            }
        }

        if (!root.TryGetProperty(F.RootIds, out var rootIds))
        {
            return (F.RootIds, $"{F.RootIds} is missing");
        }

        if (rootIds.ValueKind != JsonValueKind.Array || rootIds.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return (F.RootIds, $"{F.RootIds} must be an array of strings");
        }

        if (!root.TryGetProperty(F.Payload, out var payload))
        {
            return (F.Payload, $"{F.Payload} is missing");
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            return (F.Payload, $"{F.Payload} must be an object, not {payload.ValueKind}");
        }

        if (root.TryGetProperty(F.ManifestSignatureId, out var manifest) && manifest.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            return (F.ManifestSignatureId, $"{F.ManifestSignatureId} must be a string when present");
        }

        return null;
    }

    /// <summary>
    /// The canonical bytes of the object of exactly the signed members. The values are copied byte for byte from
    /// the canonicalized document and the names are written in their canonical (sorted) order without whitespace,
    /// so the result is canonical as it stands. A <c>null</c> manifest_signature_id counts as absent, as it does
    /// for the Go Kernel's optional field.
    /// </summary>
    internal static byte[] RebuildSignedObject(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (string name in F.SignedMembers)
            {
                if (root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    json.WritePropertyName(name);
                    json.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool TryString(JsonElement root, string field, out string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        value = "";
        if (!root.TryGetProperty(field, out var element))
        {
            problem = $"{field} is missing";
            return false;
        }

        if (element.ValueKind != JsonValueKind.String || element.GetString()!.Length == 0)
        {
            problem = $"{field} must be a non-empty string";
            return false;
        }

        value = element.GetString()!;
        problem = null;
        return true;
    }

    private static bool TryDecode(JsonElement root, string field, bool hex, int length, out byte[] bytes, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        bytes = [];
        if (!TryString(root, field, out string text, out problem))
        {
            return false;
        }

        string encoding = hex ? "hex" : "standard base64";
        byte[]? decoded = hex ? Hex(text) : Base64(text);
        if (decoded is null || (length > 0 && decoded.Length != length) || decoded.Length == 0)
        {
            problem = length > 0 ? $"{field} must be the {encoding} of a {length}-byte SHA-256 digest" : $"{field} must be {encoding}";
            return false;
        }

        bytes = decoded;
        return true;
    }

    private static byte[]? Base64(string text)
    {
        byte[] buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out int written) ? buffer[..written] : null;
    }

    private static byte[]? Hex(string text)
    {
        try
        {
            return text.Length % 2 == 0 ? Convert.FromHexString(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
