namespace ReasoningGraph.Signing;

/// <summary>
/// Signs SHA-256 digests: the message of every Reasoning Graph signature is the 32-byte digest of the
/// canonical bytes (INTEROP.md §2). Implementations are a local Ed25519 key or a remote signer (KMS,
/// signing proxy); a remote signer never falls back to a local key.
/// </summary>
public interface IDigestSigner
{
    /// <summary>The id under which verifiers find this signer's public key (<c>signer_kid</c>, <c>signer_id</c>).</summary>
    string SignerId { get; }

    /// <summary>Signs a digest.</summary>
    /// <param name="digest">The 32-byte SHA-256 digest to sign.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The raw 64-byte Ed25519 signature.</returns>
    /// <exception cref="ReasoningGraphException">
    /// <see cref="ErrorCodes.SigningFailure"/> when no signature could be produced; nothing may be published then.
    /// </exception>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
