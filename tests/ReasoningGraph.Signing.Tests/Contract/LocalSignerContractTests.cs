using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing.Tests.Contract;

/// <summary>The signer contract for the local Ed25519 key.</summary>
public sealed class LocalSignerContractTests : DigestSignerContract
{
    public override Task InitializeAsync()
    {
        var signer = new LocalEd25519Signer(Ed25519PrivateKey.Generate(), "local-1");
        Signer = signer;
        PublicKey = signer.PublicKey;
        return Task.CompletedTask;
    }
}
