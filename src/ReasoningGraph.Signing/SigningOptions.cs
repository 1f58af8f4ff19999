using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Signing;

/// <summary>
/// Which signer signs and which public keys verify. Set through <c>AddReasoningGraphSigning()</c> and its builder;
/// validated at start-up, one error listing every problem. Environment variables are the host's names.
/// </summary>
public sealed class SigningOptions
{
    /// <summary>
    /// Fail closed on anything but a remote signer (<c>REQUIRE_KMS=true</c>): start-up fails when the signer is a
    /// local key or none is configured. Default: false.
    /// </summary>
    public bool RequireKms { get; set; }

    /// <summary>The configured signer. Default: <see cref="SignerKind.None"/>; set by <c>UseEd25519Signer</c>, <c>UseSigningProxy</c>, <c>UseSigner</c>.</summary>
    public SignerKind Signer { get; set; }

    /// <summary>The local private key file in any accepted form (<c>SIGNING_KEY_PATH</c>). Default: none.</summary>
    public string? LocalKeyPath { get; set; }

    /// <summary>A local private key instance, used instead of <see cref="LocalKeyPath"/>; not disposed by the container. Default: none.</summary>
    public Ed25519PrivateKey? LocalKey { get; set; }

    /// <summary>The signer id of the local key (<c>SIGNER_ID</c>). Default: the key's <see cref="Ed25519PublicKey.KeyId"/>.</summary>
    public string? LocalSignerId { get; set; }

    /// <summary>
    /// Signer registry files whose union is the <see cref="IDigestVerifier"/> (<c>SIGNER_REGISTRY_PATH</c>). Default:
    /// empty; the verifier then trusts only the local key, if there is one.
    /// </summary>
    public IList<string> RegistryPaths { get; } = [];
}
