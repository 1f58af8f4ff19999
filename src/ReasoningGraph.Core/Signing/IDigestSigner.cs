namespace ReasoningGraph.Signing;

/// <summary>
/// Signs 32-byte SHA-256 digests: what audit events and snapshots are signed with (the digest is the message).
/// Implementations: a local Ed25519 key (<c>ReasoningGraph.Signing</c>), a remote signing proxy (KMS).
/// </summary>
/// <remarks>Implementations are thread-safe. A failure must throw; a signer never returns an empty signature.</remarks>
public interface IDigestSigner
{
    /// <summary>The id verifiers look the public key up by (<c>signer_id</c>, <c>signer_kid</c>).</summary>
    string SignerId { get; }

    /// <summary>Signs a digest.</summary>
    /// <param name="digest">The 32-byte SHA-256 digest to sign.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The raw signature bytes (64 for Ed25519).</returns>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
