namespace ReasoningGraph.Signing.Registry;

/// <summary>The signature algorithm of a registered signer.</summary>
public enum SignerAlgorithm
{
    /// <summary>Ed25519 over the 32-byte digest (<c>"algorithm": "ed25519"</c>, the default).</summary>
    Ed25519 = 0,

    /// <summary>RSA PKCS#1 v1.5 over SHA-256 of the 32-byte digest (<c>"algorithm": "rsa-sha256"</c>).</summary>
    RsaSha256 = 1,
}
