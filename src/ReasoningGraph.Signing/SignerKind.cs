namespace ReasoningGraph.Signing;

/// <summary>Which signer <see cref="SigningOptions"/> configures.</summary>
public enum SignerKind
{
    /// <summary>No signer: verification only. With <see cref="SigningOptions.RequireKms"/> the service does not start.</summary>
    None = 0,

    /// <summary>A local Ed25519 key. With <see cref="SigningOptions.RequireKms"/> the service does not start.</summary>
    LocalKey = 1,

    /// <summary>A signing proxy / KMS (INTEROP.md §5).</summary>
    SigningProxy = 2,

    /// <summary>An application-supplied <see cref="IDigestSigner"/> (for example a cloud KMS client); treated as remote.</summary>
    Custom = 3,
}
