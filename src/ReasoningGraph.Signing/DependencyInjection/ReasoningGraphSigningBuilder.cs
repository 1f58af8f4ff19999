using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Proxy;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the signer and the trusted signer registries registered by <c>AddReasoningGraphSigning</c>. The last signer chosen wins.</summary>
public sealed class ReasoningGraphSigningBuilder
{
    internal ReasoningGraphSigningBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Signs with a local Ed25519 key file (PKCS#8 PEM, base64 seed or base64 Go private key).</summary>
    /// <param name="keyPath">The private key file; read and checked at start-up.</param>
    /// <param name="signerId">The signer id; default: the key's <see cref="Ed25519PublicKey.KeyId"/>.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder UseEd25519Signer(string keyPath, string? signerId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPath);
        return UseBuiltInSigner(options =>
        {
            options.Signer = SignerKind.LocalKey;
            options.LocalKeyPath = keyPath;
            options.LocalKey = null;
            options.LocalSignerId = signerId;
        });
    }

    /// <summary>Signs with a local Ed25519 key instance, which the container does not dispose.</summary>
    /// <param name="key">The private key.</param>
    /// <param name="signerId">The signer id; default: the key's <see cref="Ed25519PublicKey.KeyId"/>.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder UseEd25519Signer(Ed25519PrivateKey key, string? signerId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return UseBuiltInSigner(options =>
        {
            options.Signer = SignerKind.LocalKey;
            options.LocalKey = key;
            options.LocalKeyPath = null;
            options.LocalSignerId = signerId;
        });
    }

    /// <summary>Signs through a signing proxy / KMS (INTEROP.md §5). There is never a local fallback.</summary>
    /// <param name="url">The proxy's base URL.</param>
    /// <param name="configure">Further settings (key id, bearer token, client certificate, timeouts); may be null.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder UseSigningProxy(Uri url, Action<SigningProxyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return UseSigningProxy(options =>
        {
            options.Url = url;
            configure?.Invoke(options);
        });
    }

    /// <summary>Signs through a signing proxy / KMS whose settings, including the URL, come from <paramref name="configure"/>.</summary>
    /// <param name="configure">The settings.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder UseSigningProxy(Action<SigningProxyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<SigningProxyOptions>().Configure(configure).ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningProxyOptions>, SigningProxyOptionsValidator>());
        return UseBuiltInSigner(options => options.Signer = SignerKind.SigningProxy);
    }

    /// <summary>Signs with an application-supplied signer (for example a cloud KMS client), which counts as remote for <see cref="SigningOptions.RequireKms"/>.</summary>
    /// <param name="factory">Creates the signer (singleton).</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder UseSigner(Func<IServiceProvider, IDigestSigner> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Configure<SigningOptions>(options => options.Signer = SignerKind.Custom);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Trusts the signers of a registry file (any shape of INTEROP.md §2); several files are united.</summary>
    /// <param name="path">The registry file; read and checked at start-up.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder AddSignerRegistry(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.Configure<SigningOptions>(options =>
        {
            if (!options.RegistryPaths.Contains(path))
            {
                options.RegistryPaths.Add(path);
            }
        });
        return this;
    }

    /// <summary>Fails start-up unless a remote signer is configured (<c>REQUIRE_KMS=true</c>).</summary>
    /// <param name="require">Whether to require it; default true.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphSigningBuilder RequireKms(bool require = true)
    {
        Services.Configure<SigningOptions>(options => options.RequireKms = require);
        return this;
    }

    private ReasoningGraphSigningBuilder UseBuiltInSigner(Action<SigningOptions> configure)
    {
        Services.Configure(configure);
        Services.Replace(SigningServices.SignerDescriptor);
        return this;
    }
}
