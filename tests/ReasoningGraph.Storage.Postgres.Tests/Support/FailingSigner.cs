using System.Security.Cryptography;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>A signer whose key is gone: every signature throws, as a signer outage does.</summary>
internal sealed class FailingSigner : IDigestSigner
{
    public string SignerId => "broken";

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
        throw new CryptographicException("the key is gone");
}
