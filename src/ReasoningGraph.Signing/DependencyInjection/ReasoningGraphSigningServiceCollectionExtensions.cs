using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Signing;
using ReasoningGraph.Signing.Registry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Reasoning Graph signing and signature verification in a service collection.</summary>
public static class ReasoningGraphSigningServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IDigestSigner"/> (the signer chosen on the returned builder), <see cref="SignerRegistry"/>
    /// and <see cref="IDigestVerifier"/> (the union of the registry files), and <see cref="TimeProvider.System"/>
    /// unless already registered. Options are validated at start-up — key and registry files are read then — and
    /// <see cref="SigningOptions.RequireKms"/> refuses a local or missing signer. Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options; may be null.</param>
    /// <returns>A builder on which the signer and registries are chosen.</returns>
    public static ReasoningGraphSigningBuilder AddReasoningGraphSigning(this IServiceCollection services, Action<SigningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<SigningOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAdd(SigningServices.SignerDescriptor);
        services.TryAddSingleton(SigningServices.CreateRegistry);
        services.TryAddSingleton<IDigestVerifier>(static provider => provider.GetRequiredService<SignerRegistry>());
        return new ReasoningGraphSigningBuilder(services);
    }
}
