using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Signing.Tests.Support;

namespace ReasoningGraph.Signing.Tests.Contract;

/// <summary>What every <see cref="IDigestSigner"/> must do, run against each implementation.</summary>
public abstract class DigestSignerContract : IAsyncLifetime
{
    protected IDigestSigner Signer { get; set; } = null!;

    /// <summary>The public key the signer's signatures must verify with.</summary>
    protected Ed25519PublicKey PublicKey { get; set; } = null!;

    public abstract Task InitializeAsync();

    /// <summary>Disposes the signer; implementations release what else they started.</summary>
    public virtual Task DisposeAsync()
    {
        (Signer as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Sign_Returns64BytesThatVerifyWithThePublicKey()
    {
        byte[] digest = Digests.Random();

        byte[] signature = await Signer.SignAsync(digest);

        Assert.Equal(64, signature.Length);
        Assert.True(PublicKey.Verify(digest, signature));
    }

    [Fact]
    public async Task Sign_IsDeterministicAndBoundToTheDigest()
    {
        byte[] digest = Digests.Random();
        byte[] other = Digests.Random();

        byte[] first = await Signer.SignAsync(digest);
        byte[] second = await Signer.SignAsync(digest);
        byte[] third = await Signer.SignAsync(other);

        Assert.Equal(first, second);
        Assert.NotEqual(first, third);
        Assert.False(PublicKey.Verify(other, first));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(33)]
    public async Task Sign_RefusesAnythingButA32ByteDigest(int length)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Signer.SignAsync(new byte[length]));
    }

    [Fact]
    public async Task Sign_ConcurrentCallsAllVerify()
    {
        var digests = Enumerable.Range(0, 16).Select(_ => Digests.Random()).ToArray();

        var signatures = await Task.WhenAll(digests.Select(async digest => await Signer.SignAsync(digest)));

        Assert.All(digests.Zip(signatures), pair => Assert.True(PublicKey.Verify(pair.First, pair.Second)));
    }

    [Fact]
    public async Task SnapshotSignedWithIt_VerifiesUnderItsSignerId()
    {
        Assert.False(string.IsNullOrWhiteSpace(Signer.SignerId));
        var registry = new SignerRegistry([RegisteredSigner.ForEd25519(Signer.SignerId, PublicKey)]);

        var signed = await new SnapshotDocumentSigner(Signer, registry).SignAsync(SampleSnapshots.Content());

        var result = new SnapshotVerifier(registry).Verify(signed.Document.Span);
        Assert.True(result.IsVerified, result.Message);
        Assert.Equal(Signer.SignerId, result.SignerId);
    }
}
