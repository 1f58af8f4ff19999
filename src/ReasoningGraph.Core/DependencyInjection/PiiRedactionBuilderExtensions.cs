using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Redaction;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers PII redaction (<see cref="IPiiRedactor"/>) on a <see cref="ReasoningGraphBuilder"/>.</summary>
/// <remarks>Without one of these calls no <see cref="IPiiRedactor"/> is registered: there is no catalog to apply.</remarks>
public static class PiiRedactionBuilderExtensions
{
    /// <summary>Redacts with the catalog in a file, read and checked at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="catalogPath">The catalog file.</param>
    /// <param name="salt">The <c>PII_HASH</c> key, at least 16 bytes.</param>
    /// <param name="saltId">The salt's name in hashes.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UsePiiCatalog(this ReasoningGraphBuilder builder, string catalogPath, ReadOnlyMemory<byte> salt, string saltId) =>
        builder.UsePiiRedaction(o => (o.CatalogPath, o.Catalog, o.Salt, o.SaltId) = (catalogPath, null, salt, saltId));

    /// <summary>Redacts with a catalog built in code.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="catalog">The catalog.</param>
    /// <param name="salt">The <c>PII_HASH</c> key, at least 16 bytes.</param>
    /// <param name="saltId">The salt's name in hashes.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UsePiiCatalog(this ReasoningGraphBuilder builder, PiiCatalog catalog, ReadOnlyMemory<byte> salt, string saltId) =>
        builder.UsePiiRedaction(o => (o.CatalogPath, o.Catalog, o.Salt, o.SaltId) = (null, catalog, salt, saltId));

    /// <summary>Redacts with settings configured by the caller (for example bound from configuration). Validated at start-up.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UsePiiRedaction(this ReasoningGraphBuilder builder, Action<PiiRedactionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<PiiRedactionOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PiiRedactionOptions>, PiiRedactionOptionsValidator>());
        builder.Services.Replace(ServiceDescriptor.Singleton<IPiiRedactor>(static provider =>
            PiiRedactionOptionsValidator.Create(provider.GetRequiredService<IOptions<PiiRedactionOptions>>().Value)));
        return builder;
    }
}
