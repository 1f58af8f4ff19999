using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReasoningGraph.Policy;
using ReasoningGraph.Signing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage;
using ReasoningGraph.Storage.InMemory;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the store and the write policy of the Reasoning Graph registered by <c>AddReasoningGraph</c>.</summary>
public sealed class ReasoningGraphBuilder
{
    internal ReasoningGraphBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection, for extensions in other packages (for example <c>UsePostgres</c>).</summary>
    public IServiceCollection Services { get; }

    internal static ServiceDescriptor InMemoryStoreDescriptor { get; } = ServiceDescriptor.Singleton<IReasoningGraphStore>(static provider =>
        new InMemoryGraphStore(
            provider.GetRequiredService<IOptions<InMemoryStoreOptions>>().Value,
            provider.GetService<TimeProvider>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger<InMemoryGraphStore>(),
            provider.GetService<IDigestSigner>()));

    /// <summary>
    /// The embedded store's own snapshots when it keeps an audit chain (durable in its journal), the graph store when
    /// it also stores snapshots, else an in-memory snapshot store.
    /// </summary>
    internal static ServiceDescriptor SnapshotStoreDescriptor { get; } = ServiceDescriptor.Singleton<ISnapshotStore>(static provider =>
        provider.GetRequiredService<IReasoningGraphStore>() switch
        {
            InMemoryGraphStore { KeepsAuditChain: true } embedded => embedded.Snapshots,
            ISnapshotStore store => store,
            _ => new InMemorySnapshotStore(provider.GetRequiredService<IDigestSigner>(), provider.GetService<TimeProvider>()),
        });

    /// <summary>
    /// The snapshot service. Signatures are checked against the registered verifier (the signer registry) when it
    /// knows the signer; a registry that does not (a proxy without a registry file) cannot vouch either way.
    /// </summary>
    internal static SnapshotService CreateSnapshotService(IServiceProvider provider)
    {
        var signer = provider.GetRequiredService<IDigestSigner>();
        var verifier = provider.GetService<IDigestVerifier>();
        return new SnapshotService(
            provider.GetRequiredService<IReasoningGraphStore>(),
            provider.GetRequiredService<ISnapshotStore>(),
            signer,
            verifier is not null && verifier.IsKnownSigner(signer.SignerId) ? verifier : null,
            provider.GetService<ISnapshotRedactor>(),
            provider.GetService<IOptions<SnapshotServiceOptions>>()?.Value,
            provider.GetService<TimeProvider>())
        {
            LogCheckpoints = provider.GetService<ILogCheckpointSource>(),
        };
    }

    /// <summary>Uses the embedded store (the default), optionally journaled to a file so it survives restarts.</summary>
    /// <param name="journalPath">The journal file, or null for memory only.</param>
    /// <param name="configure">Further store settings; may be null.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphBuilder UseInMemoryStore(string? journalPath = null, Action<InMemoryStoreOptions>? configure = null)
    {
        Services.Configure<InMemoryStoreOptions>(options =>
        {
            options.JournalPath = journalPath;
            configure?.Invoke(options);
        });
        Services.Replace(InMemoryStoreDescriptor);
        return this;
    }

    /// <summary>Uses a store built by a factory (singleton).</summary>
    /// <param name="factory">Builds the store.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphBuilder UseStore(Func<IServiceProvider, IReasoningGraphStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>
    /// Uses a snapshot store built by a factory (singleton), for a store whose snapshots live beside its graph
    /// (PostgreSQL). Without it, the graph store is used when it is also an <see cref="ISnapshotStore"/>, else an
    /// in-memory snapshot store.
    /// </summary>
    /// <param name="factory">Builds the snapshot store.</param>
    /// <returns>This builder.</returns>
    public ReasoningGraphBuilder UseSnapshotStore(Func<IServiceProvider, ISnapshotStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Singleton(factory));
        return this;
    }

    /// <summary>Uses a pre-write policy other than allow-all (singleton).</summary>
    /// <typeparam name="TPolicy">The policy type.</typeparam>
    /// <returns>This builder.</returns>
    public ReasoningGraphBuilder UseWritePolicy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TPolicy>()
        where TPolicy : class, IWritePolicy
    {
        Services.Replace(ServiceDescriptor.Singleton<IWritePolicy, TPolicy>());
        return this;
    }
}
