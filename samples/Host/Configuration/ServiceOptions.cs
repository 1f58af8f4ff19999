namespace ReasoningGraph.Host.Configuration;

/// <summary>
/// Every setting of the service (README, "Configuration"), read from the configuration under its documented name. The
/// composition root takes these; nothing else reads the configuration.
/// </summary>
internal sealed record ServiceOptions
{
    public required ListenOptions Listen { get; init; }

    public required SecurityOptions Security { get; init; }

    public required StoreOptions Store { get; init; }

    public required SigningSettings Signing { get; init; }

    public required ArchiveOptions Archive { get; init; }

    public required SnapshotWorkerOptions SnapshotWorker { get; init; }

    public required CheckpointOptions Checkpoints { get; init; }

    public required PiiOptions Pii { get; init; }

    public required SentinelNetOptions SentinelNet { get; init; }

    public required LimitsOptions Limits { get; init; }

    public required ObservabilityOptions Observability { get; init; }

    /// <summary>The Kernel probe of <c>/ready</c>; null without <c>KERNEL_API_URL</c>.</summary>
    public KernelProbeOptions? KernelProbe { get; init; }

    /// <summary>Reads every setting and checks the rules between them; every problem is left in <paramref name="settings"/>.</summary>
    public static ServiceOptions Read(SettingsReader settings, IHostEnvironment environment)
    {
        var store = StoreOptions.Read(settings, environment);
        RunbookNames.CheckNodeEnv(settings, environment);
        RunbookNames.RefuseReplaced(settings);
        _ = RunbookNames.PushGateway(settings); // read by the batch commands; checked here so a bad URL is caught at deploy time
        return new ServiceOptions
        {
            Listen = ListenOptions.Read(settings),
            Security = SecurityOptions.Read(settings, environment),
            Store = store,
            Signing = SigningSettings.Read(settings, environment.IsDevelopment()),
            Archive = ArchiveOptions.Read(settings, store, environment.IsDevelopment()),
            SnapshotWorker = SnapshotWorkerOptions.Read(settings),
            Checkpoints = CheckpointOptions.Read(settings),
            Pii = PiiOptions.Read(settings),
            SentinelNet = SentinelNetOptions.Read(settings),
            Limits = LimitsOptions.Read(settings),
            Observability = ObservabilityOptions.Read(settings),
            KernelProbe = KernelProbeOptions.Read(settings),
        };
    }
}
