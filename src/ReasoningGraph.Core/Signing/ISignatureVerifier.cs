namespace ReasoningGraph.Signing;

/// <summary>Checks signatures made by <see cref="IDigestSigner"/>s, choosing the public key by signer id.</summary>
public interface ISignatureVerifier
{
    /// <summary>Verifies a signature over a digest.</summary>
    /// <param name="signerId">The id of the signer that claims to have signed.</param>
    /// <param name="digest">The 32-byte SHA-256 digest that was signed.</param>
    /// <param name="signature">The raw signature.</param>
    /// <returns>
    /// True when the signer is known and the signature is valid; false for an unknown signer or a bad
    /// signature (never an exception for those).
    /// </returns>
    bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature);
}
