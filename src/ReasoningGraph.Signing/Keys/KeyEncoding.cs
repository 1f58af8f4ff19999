using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace ReasoningGraph.Signing.Keys;

/// <summary>The DER, PEM and base64 encodings of Ed25519 keys (RFC 8410) shared by the key types.</summary>
internal static class KeyEncoding
{
    public const string Ed25519Oid = "1.3.101.112";
    public const int KeyLength = 32;
    public const int GoPrivateKeyLength = 64;
    public const string PublicKeyLabel = "PUBLIC KEY";
    public const string PrivateKeyLabel = "PRIVATE KEY";

    /// <summary><c>302a300506032b6570032100</c>: the fixed SPKI DER header before the 32 key bytes.</summary>
    public static ReadOnlySpan<byte> SpkiPrefix => [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    /// <summary><c>302e020100300506032b657004220420</c>: the PKCS#8 v1 DER header before the 32 seed bytes.</summary>
    public static ReadOnlySpan<byte> Pkcs8Prefix => [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

    public static bool LooksLikePem(string text) => text.AsSpan().TrimStart().StartsWith("-----BEGIN ", StringComparison.Ordinal);

    /// <summary>The label and DER bytes of the first PEM block of <paramref name="text"/>, or an error message.</summary>
    public static bool TryReadPem(string text, out string label, out byte[] der, out string? error)
    {
        label = "";
        der = [];
        if (!PemEncoding.TryFind(text, out var fields))
        {
            error = "the PEM text has no well-formed -----BEGIN/-----END block";
            return false;
        }

        label = text[fields.Label];
        der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out int written))
        {
            error = "the PEM block's base64 body is invalid";
            return false;
        }

        der = der[..written];
        error = null;
        return true;
    }

    /// <summary>Decodes standard base64, ignoring surrounding and embedded whitespace (keys are often wrapped).</summary>
    public static byte[]? TryDecodeBase64(string text)
    {
        string compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0 || !Base64.IsValid(compact, out int length))
        {
            return null;
        }

        var bytes = new byte[length];
        return Convert.TryFromBase64String(compact, bytes, out int written) ? bytes[..written] : null;
    }

    /// <summary>The 32 key bytes of an Ed25519 SubjectPublicKeyInfo, or null when it is not one.</summary>
    public static byte[]? TryReadEd25519Spki(ReadOnlySpan<byte> der)
    {
        if (der.Length == SpkiPrefix.Length + KeyLength && der.StartsWith(SpkiPrefix))
        {
            return der[SpkiPrefix.Length..].ToArray();
        }

        try
        {
            var spki = new AsnReader(der.ToArray(), AsnEncodingRules.DER).ReadSequence();
            var algorithm = spki.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Ed25519Oid || algorithm.HasData)
            {
                return null;
            }

            byte[] key = spki.ReadBitString(out int unusedBits);
            return unusedBits == 0 && key.Length == KeyLength && !spki.HasData ? key : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public static byte[] WriteEd25519Spki(ReadOnlySpan<byte> publicKey) => [.. SpkiPrefix, .. publicKey];

    /// <summary>
    /// The seed of an Ed25519 PKCS#8 private key (RFC 8410: version 0, or version 1 with the public key), and
    /// the embedded public key when there is one. Null with an error for anything else.
    /// </summary>
    public static byte[]? TryReadEd25519Pkcs8(byte[] der, out byte[]? embeddedPublicKey, out string? error)
    {
        embeddedPublicKey = null;
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            if (!info.TryReadInt32(out int version) || version is not (0 or 1))
            {
                error = "unsupported PKCS#8 version";
                return null;
            }

            var algorithm = info.ReadSequence();
            string oid = algorithm.ReadObjectIdentifier();
            if (oid != Ed25519Oid)
            {
                error = $"the key's algorithm is {oid}, not Ed25519 ({Ed25519Oid})";
                return null;
            }

            byte[] seed = new AsnReader(info.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
            if (seed.Length != KeyLength)
            {
                CryptographicOperations.ZeroMemory(seed);
                error = $"the private key holds {seed.Length} bytes, not 32";
                return null;
            }

            var attributes = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (info.HasData && info.PeekTag().HasSameClassAndValue(attributes))
            {
                info.ReadEncodedValue();
            }

            if (info.HasData)
            {
                embeddedPublicKey = info.ReadBitString(out _, new Asn1Tag(TagClass.ContextSpecific, 1));
            }

            error = null;
            return seed;
        }
        catch (AsnContentException)
        {
            error = "the PKCS#8 DER is malformed";
            return null;
        }
    }

    public static string WritePem(string label, ReadOnlySpan<byte> der) => new string(PemEncoding.Write(label, der)) + "\n";
}
