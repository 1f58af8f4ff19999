using System.Security.Cryptography;
using System.Text;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Tests.Audit;

/// <summary>A stand-in signer and verifier for Core tests (Core has no Ed25519): HMAC-SHA256 keyed by the signer id.</summary>
internal sealed class HmacDigestSigner(string signerId) : IDigestSigner, IDigestVerifier
{
    public string SignerId => signerId;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signerId), digest.Span));

    public bool IsKnownSigner(string id) => id == signerId;

    public bool Verify(string id, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) =>
        id == signerId && HMACSHA256.HashData(Encoding.UTF8.GetBytes(id), digest).AsSpan().SequenceEqual(signature);
}
