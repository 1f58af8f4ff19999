namespace ReasoningGraph.Signing;

/// <summary>Checks signatures over 32-byte digests against public keys looked up by signer id.</summary>
/// <remarks>Implementations are thread-safe. Outcomes are return values, never exceptions.</remarks>
public interface IDigestVerifier
{
    /// <summary>Whether a public key is known for <paramref name="signerId"/>.</summary>
    /// <param name="signerId">The signer id carried by the signed item.</param>
    /// <returns>True when <see cref="Verify"/> can decide for this signer.</returns>
    bool IsKnownSigner(string signerId);

    /// <summary>Verifies one signature.</summary>
    /// <param name="signerId">Selects the public key.</param>
    /// <param name="digest">The signed 32-byte digest.</param>
    /// <param name="signature">The raw signature bytes.</param>
    /// <returns>True exactly when the signer is known and the signature is valid for the digest.</returns>
    bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature);
}
