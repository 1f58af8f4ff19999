using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Diagnostics;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Proxy;
using ReasoningGraph.Signing.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The factories behind the signing registrations.</summary>
internal static class SigningServices
{
    private const string LoggerCategory = "ReasoningGraph.Signing";

    public static ServiceDescriptor SignerDescriptor { get; } = ServiceDescriptor.Singleton<IDigestSigner>(CreateSigner);

    public static SignerRegistry CreateRegistry(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<SigningOptions>>().Value;
        if (options.RegistryPaths.Count == 0)
        {
            // Without registries, the service trusts its own local key so that it can verify what it signed.
            return options.Signer == SignerKind.LocalKey && provider.GetRequiredService<IDigestSigner>() is LocalEd25519Signer local
                ? new SignerRegistry([RegisteredSigner.ForEd25519(local.SignerId, local.PublicKey)])
                : SignerRegistry.Empty;
        }

        return options.RegistryPaths.Aggregate(SignerRegistry.Empty, (union, path) => union.Union(SignerRegistry.Load(path)));
    }

    private static IDigestSigner CreateSigner(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<SigningOptions>>().Value;
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;
        if (SigningOptionsValidator.RequireKmsProblem(options) is { } problem)
        {
            // Also when start-up validation was bypassed: never hand out a local signer under RequireKms.
            throw new InvalidOperationException(problem);
        }

        switch (options.Signer)
        {
            case SignerKind.LocalKey:
                var key = options.LocalKey ?? Ed25519PrivateKey.ReadFile(options.LocalKeyPath!);
                var signer = new LocalEd25519Signer(key, options.LocalSignerId ?? key.PublicKey.KeyId, ownsKey: options.LocalKey is null);
                Log.LocalSignerReady(logger, signer.SignerId, signer.PublicKey);
                return signer;
            case SignerKind.SigningProxy:
                var proxyOptions = provider.GetRequiredService<IOptions<SigningProxyOptions>>().Value;
                var registry = provider.GetRequiredService<SignerRegistry>();
                string? signerId = proxyOptions.EffectiveSignerId;
                bool known = signerId is not null && registry.Contains(signerId);
                if (!known && signerId is not null)
                {
                    Log.ProxySignerNotRegistered(logger, signerId);
                }

                return new SigningProxySigner(proxyOptions, known ? registry : null, logger, provider.GetService<TimeProvider>());
            default:
                throw new InvalidOperationException(
                    "No signer is configured: call UseEd25519Signer(...) or UseSigningProxy(...) on AddReasoningGraphSigning(), or set SIGNING_KEY_PATH or SIGNING_PROXY_URL.");
        }
    }
}
