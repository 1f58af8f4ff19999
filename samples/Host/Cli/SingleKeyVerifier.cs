using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;

namespace ReasoningGraph.Host.Cli;

/// <summary>
/// <c>verify-snapshot --public-key FILE</c>: the one key an auditor was handed, as cosign users expect. It verifies
/// whatever signer id a document names (the auditor vouches for the key, not for an id). The file is an Ed25519 key
/// in any form of INTEROP §2 (PEM, base64 SPKI, base64 raw) or an RSA public key (PEM or base64 DER).
/// </summary>
internal sealed class SingleKeyVerifier(RegisteredSigner key) : IDigestVerifier
{
    public static SingleKeyVerifier Load(string path)
    {
        string text = File.ReadAllText(path).Trim();
        if (Ed25519PublicKey.TryParse(text, out var ed25519))
        {
            return new SingleKeyVerifier(RegisteredSigner.ForEd25519("public-key", ed25519));
        }

        try
        {
            return new SingleKeyVerifier(RegisteredSigner.ForRsaSha256("public-key", text));
        }
        catch (FormatException e)
        {
            throw new UsageException($"--public-key '{path}' is neither an Ed25519 nor an RSA public key: {e.Message}");
        }
    }

    public bool IsKnownSigner(string signerId) => true;

    public bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) => key.Verify(digest, signature);
}
