using System.Security.Cryptography;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>
/// A stand-in signer for Core's tests (Core has no Ed25519): its "signature" is HMAC-SHA512 of the digest, and
/// <see cref="Verify"/> recomputes it. Can be told to misbehave.
/// </summary>
internal sealed class FakeDigestSigner : IDigestSigner, IDigestVerifier
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public string SignerId { get; init; } = "fake-1";

    public Func<byte[], byte[]>? Override { get; init; }

    public Exception? Failure { get; init; }

    public int Calls { get; private set; }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Failure is not null)
        {
            throw Failure;
        }

        byte[] signature = HMACSHA512.HashData(_secret, digest.Span);
        return ValueTask.FromResult(Override?.Invoke(signature) ?? signature);
    }

    public bool IsKnownSigner(string signerId) => signerId == SignerId;

    public bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) =>
        signerId == SignerId && HMACSHA512.HashData(_secret, digest).AsSpan().SequenceEqual(signature);
}
