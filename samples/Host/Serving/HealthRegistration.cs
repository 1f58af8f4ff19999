using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Signing.Health;
using ReasoningGraph.Storage.Postgres;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The service's health checks, the packages' own where there is one: <c>/health</c> runs those tagged
/// <see cref="Live"/> (the store's <c>db</c> ping), <c>/ready</c> those tagged <see cref="Ready"/>. A component that is
/// not configured has no check, and <c>/ready</c> reports it <c>not configured</c>. The signer and the Kernel fail as
/// <see cref="HealthStatus.Degraded"/>: reported, never taking the pod out of service.
/// </summary>
internal static class HealthRegistration
{
    public const string Live = "live";
    public const string Ready = "ready";

    /// <summary>The check names, which are <c>/ready</c>'s members.</summary>
    public const string Db = "db", Store = "store", Writes = "writes", Signer = "signer", Kernel = "kernel", Archive = "archive", AuditorArchive = "auditorArchive";

    /// <summary>How long <c>/ready</c>'s store read and archive probes may take.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>/health</c>'s store ping may take: a liveness answer never waits on the database.</summary>
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);

    public static void Add(IServiceCollection services, ServiceOptions options, bool signerConfigured)
    {
        services.AddSingleton<ReadyLog>();
        var checks = services.AddHealthChecks()
            .AddReasoningGraph(Db, tags: [Live], timeout: PingTimeout)
            .AddReasoningGraph(Store, tags: [Ready], timeout: ProbeTimeout)
            .AddReasoningGraphArchive(Archive, tags: [Ready], timeout: ProbeTimeout)
            .AddReasoningGraphArchive(AuditorArchive, tags: [Ready], timeout: ProbeTimeout, serviceKey: ArchiveConfiguration.AuditorKey);
        if (options.Store.ConnectionString is not null && options.Store.WriteProbeTimeout > TimeSpan.Zero)
        {
            services.AddSingleton(provider => new StoreWriteHealth(
                new PostgresWriteHealthCheck(
                    provider.GetRequiredService<PostgresGraphStore>(), options.Store.WriteProbeTimeout, timeProvider: provider.GetRequiredService<TimeProvider>(),
                    logger: provider.GetRequiredService<ILogger<PostgresWriteHealthCheck>>()),
                () => provider.GetRequiredService<WriteGuard>().ReadOnly, provider.GetRequiredService<IMeterFactory>()));
            checks.AddCheck<StoreWriteHealth>(Writes, tags: [Ready]);
        }

        if (signerConfigured)
        {
            checks.AddReasoningGraphSigner(Signer, tags: [Ready]);
        }

        services.AddSingleton(provider => new KernelHealth(
            options.KernelProbe, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<IMeterFactory>()));
        if (options.KernelProbe is not null)
        {
            checks.AddCheck<KernelHealth>(Kernel, HealthStatus.Degraded, [Ready]);
        }
    }

    /// <summary>Creates the health gauges, so they are exported from start-up rather than after the first probe.</summary>
    public static void StartGauges(IServiceProvider services)
    {
        _ = services.GetRequiredService<KernelHealth>();
        _ = services.GetService<StoreWriteHealth>();
        var signer = services.GetKeyedService<SignerHealthCheck>(Signer);
        services.GetRequiredService<IMeterFactory>().Create(CausalTraceCache.MeterName).CreateObservableGauge(
            "reasoning_graph.host.signer_up", () => signer?.LastOutcome is { } outcome ? (outcome.Succeeded ? 1 : 0) : 1,
            description: "1 when the signer's last signature (or probe) succeeded, 0 when it failed; snapshots stay pending while it is 0.");
    }

    /// <summary>
    /// What <c>/ready</c> says of a component: <c>ok</c>, <c>failed: …</c>, its own note (<c>not checked: read-only</c>)
    /// or <c>not configured</c>. The checks' descriptions name no host, URL or path; a check that threw, or that ASP.NET
    /// Core timed out, has its exception's message as description, which is not shown.
    /// </summary>
    public static string Describe(HealthReport report, string name) => !report.Entries.TryGetValue(name, out var entry)
        ? "not configured"
        : entry.Status == HealthStatus.Healthy ? entry.Description ?? "ok"
        : "failed: " + (entry.Description is { Length: > 0 } description && description != entry.Exception?.Message
            ? description
            : "the check failed (see the service log)");
}
