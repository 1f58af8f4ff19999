using ReasoningGraph.Signing;

namespace ReasoningGraph.Tests.Snapshots;

/// <summary>A <see cref="FakeDigestSigner"/> that is unreachable for its first <see cref="FailuresLeft"/> calls (or while <see cref="Down"/>).</summary>
internal sealed class FlakySigner : IDigestSigner, IDigestVerifier
{
    private readonly FakeDigestSigner _inner = new();

    public int FailuresLeft { get; set; }

    public bool Down { get; set; }

    public string SignerId => _inner.SignerId;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        if (Down || FailuresLeft-- > 0)
        {
            throw new HttpRequestException("signing proxy unreachable");
        }

        return _inner.SignAsync(digest, cancellationToken);
    }

    public bool IsKnownSigner(string signerId) => _inner.IsKnownSigner(signerId);

    public bool Verify(string signerId, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) => _inner.Verify(signerId, digest, signature);
}
