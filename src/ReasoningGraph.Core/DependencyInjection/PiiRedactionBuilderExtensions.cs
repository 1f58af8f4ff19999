using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReasoningGraph.Model;
using ReasoningGraph.Redaction;
using ReasoningGraph.Snapshots;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers PII redaction (<see cref="IPiiRedactor"/>) on a <see cref="ReasoningGraphBuilder"/>, and the same
/// redaction for operator snapshots (<see cref="ISnapshotRedactor"/>, unless one is registered already), so a snapshot
/// never holds more than a reader without <c>read:pii</c> may see.
/// </summary>
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
        builder.Services.TryAddSingleton<ISnapshotRedactor>(static provider => new CatalogSnapshotRedactor(provider.GetRequiredService<IPiiRedactor>()));
        return builder;
    }

    /// <summary>The catalog's redactor as the snapshot service's redaction seam (the two layers do not know each other).</summary>
    private sealed class CatalogSnapshotRedactor(IPiiRedactor redactor) : ISnapshotRedactor
    {
        public string PolicyVersion => redactor.PolicyVersion;

        public GraphItem Redact(GraphItem item) => redactor.Redact(item);
    }
}
