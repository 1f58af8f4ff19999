using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasoningGraph.Signing.Proxy;

/// <summary>The JSON messages of the signing proxy protocol (INTEROP.md §5).</summary>
internal static class ProxyMessages
{
    private const int SignatureLength = 64;

    public static byte[] SignRequest(ReadOnlySpan<byte> digest, string? keyId)
    {
        string payload = Convert.ToBase64String(digest);
        return Write(json =>
        {
            json.WriteString("payload_b64", payload);
            if (keyId is not null)
            {
                json.WriteString("key_id", keyId);
            }
        });
    }

    public static byte[] VerifyRequest(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, string signerId)
    {
        string payload = Convert.ToBase64String(digest);
        string signatureText = Convert.ToBase64String(signature);
        return Write(json =>
        {
            json.WriteString("payload_b64", payload);
            json.WriteString("signature_b64", signatureText);
            json.WriteString("signer_id", signerId);
        });
    }

    public static bool TryReadSignResponse(byte[] body, [NotNullWhen(true)] out byte[]? signature, [NotNullWhen(true)] out string? signerId, [NotNullWhen(false)] out string? problem)
    {
        signature = null;
        signerId = null;
        if (!TryParse(body, out var document, out problem))
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("signature_b64", out var signatureValue) || signatureValue.ValueKind != JsonValueKind.String)
            {
                problem = "the answer has no signature_b64 string: " + Excerpt(body);
                return false;
            }

            if (!root.TryGetProperty("signer_id", out var signerValue) || signerValue.ValueKind != JsonValueKind.String || signerValue.GetString()!.Length == 0)
            {
                problem = "the answer has no signer_id string";
                return false;
            }

            signerId = signerValue.GetString()!;
            string text = signatureValue.GetString()!;
            byte[] bytes = new byte[SignatureLength + 3];
            if (!Convert.TryFromBase64String(text, bytes, out int written))
            {
                problem = text.Length > 100 ? "signature_b64 is not a 64-byte standard base64 value" : "signature_b64 is not standard base64";
                return false;
            }

            if (written != SignatureLength)
            {
                problem = $"signature_b64 holds {written} bytes; an Ed25519 signature has 64";
                return false;
            }

            signature = bytes[..SignatureLength];
            return true;
        }
    }

    public static bool TryReadVerifyResponse(byte[] body, out bool verified, [NotNullWhen(false)] out string? problem)
    {
        verified = false;
        if (!TryParse(body, out var document, out problem))
        {
            return false;
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("verified", out var value) || value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = "the answer has no verified boolean: " + Excerpt(body);
                return false;
            }

            verified = value.GetBoolean();
            return true;
        }
    }

    /// <summary>The start of an answer, printable, for error messages.</summary>
    public static string Excerpt(byte[] body)
    {
        const int Limit = 200;
        string text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, Limit));
        text = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        return (body.Length == 0 ? "(empty)" : text) + (body.Length > Limit ? "…" : "");
    }

    private static bool TryParse(byte[] body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                document = null;
                problem = "the answer is not a JSON object: " + Excerpt(body);
                return false;
            }

            problem = null;
            return true;
        }
        catch (JsonException)
        {
            document = null;
            problem = "the answer is not JSON: " + Excerpt(body);
            return false;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        // Relaxed escaping keeps base64's '+' readable; the values are base64 and ids, never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
