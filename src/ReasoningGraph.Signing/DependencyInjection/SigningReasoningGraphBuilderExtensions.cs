using Microsoft.Extensions.DependencyInjection.Extensions;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the signer of audit events and snapshots on the builder returned by <c>AddReasoningGraph()</c>.</summary>
public static class SigningReasoningGraphBuilderExtensions
{
    /// <summary>Signs with a local Ed25519 key (a singleton <see cref="IDigestSigner"/>, replacing any other).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="seed">The 32-byte Ed25519 seed; copied.</param>
    /// <param name="signerId">The id verifiers look the public key up by.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UseEd25519Signer(this ReasoningGraphBuilder builder, ReadOnlySpan<byte> seed, string signerId)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(signerId);
        if (seed.Length != 32)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        var copy = seed.ToArray();
        builder.Services.Replace(ServiceDescriptor.Singleton<IDigestSigner>(_ => LocalEd25519Signer.FromSeed(copy, signerId)));
        return builder;
    }
}
