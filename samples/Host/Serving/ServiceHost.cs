using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Background;
using ReasoningGraph.Host.Configuration;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Policy;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Host.VerifiableLog;
using ReasoningGraph.Errors;
using ReasoningGraph.Redaction;
using ReasoningGraph.Signing;

namespace ReasoningGraph.Host.Serving;

/// <summary>Builds and runs the web application: the composition root, where every layer is wired from <see cref="ServiceOptions"/>.</summary>
internal static class ServiceHost
{
    /// <summary>Runs the service until it is shut down.</summary>
    /// <exception cref="OptionsValidationException">The configuration cannot start; the failures list every problem.</exception>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        await using var app = Build(args);
        await app.StartAsync(cancellationToken);
        var facts = app.Services.GetRequiredService<HostFacts>();
        string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
        StartupBanner.Write(Console.Error, url, facts, app.Services.GetRequiredService<CallerAuthenticators>().AllowDevPrincipal);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>The configured application, not started.</summary>
    /// <exception cref="OptionsValidationException">
    /// The configuration cannot start. The failures list every problem at once: the settings' own (read without
    /// throwing) and those of the library's options validation, which runs here rather than at start.
    /// </exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = new SettingsReader(builder.Configuration);
        var options = ServiceOptions.Read(settings, builder.Environment);
        Compose(builder, options);

        var app = builder.Build();
        var problems = settings.Problems.Concat(StartupProblems.ValidateOptions(app.Services)).ToList();
        if (problems.Count == 0 && StoreConfiguration.OpenEmbeddedStore(app.Services, options.Store) is { } storeProblem)
        {
            problems.Add(storeProblem);
        }

        if (problems.Count > 0)
        {
            ((IDisposable)app).Dispose();
            throw StartupProblems.Refusal(problems);
        }

        if (app.Services.GetRequiredService<CallerAuthenticators>().AllowAnonymousReads)
        {
            AnonymousReads.LogAtStartup(app.Logger, app.Services.GetService<IPiiRedactor>());
        }

        HealthRegistration.StartGauges(app.Services); // their instruments are exported from start-up
        _ = app.Services.GetService<ReasoningGraph.Policy.IWritePolicy>(); // SentinelNet's error counter, exported from start-up
        _ = app.Services.GetRequiredService<HostMetrics>();

        app.UseMiddleware<ErrorEnvelopeMiddleware>();
        app.UseMiddleware<CallerMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.UseOutputCache();
        app.MapOpenApi().CacheOutput(); // built once a minute, not per request: it takes ~70 ms and needs no credential
        HealthEndpoints.Map(app);
        ReadyEndpoints.Map(app);
        Telemetry.Map(app);
        ApiRoutes.Map(app); // rate limited by path (RateLimiting)
        AdminEndpoints.Map(app, app.Services.GetRequiredService<Storage.IReasoningGraphStore>());
        app.MapFallback(() => new ErrorResult(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such endpoint."));
        return app;
    }

    /// <summary>Registers every part. Never throws for a bad setting: those are already listed, and their stand-ins are harmless.</summary>
    private static void Compose(WebApplicationBuilder builder, ServiceOptions options)
    {
        var services = builder.Services;
        bool isDevelopment = builder.Environment.IsDevelopment();
        var tls = new TlsMaterial(options.Security);
        services.AddSingleton(tls);
        services.AddSingleton(options.Security);
        if (options.Security.Https)
        {
            services.AddHostedService<TlsReloadService>();
        }

        Listening.Configure(builder.WebHost, options.Listen, options.Security, tls);
        Logs.Configure(builder.Logging, options.Observability);

        services.AddSingleton(TimeProvider.System);
        StoreConfiguration.Add(services, options.Store);
        WriteGuard.Add(services, options.Store.ReadOnly);
        string? signer = SigningConfiguration.AddSigning(services, options.Signing, isDevelopment, options.Store.DataDirectory);
        ArchiveConfiguration.Add(services, options.Archive, options.SnapshotWorker, signer is not null);
        HealthRegistration.Add(services, options, signer is not null);
        services.AddSingleton(provider => new PublishedLog(
            (Audit.IVerifiableLog)provider.GetRequiredService<Storage.IReasoningGraphStore>(),
            options.Store.LogOrigin ?? LogTree.DefaultOrigin(options.Store.ConnectionString is null ? null : provider.GetRequiredService<IOptions<Storage.Postgres.PostgresStoreOptions>>().Value),
            AuditSigner.Of(provider),
            options.Checkpoints.Enabled ? provider.GetRequiredService<Storage.IReasoningGraphStore>() as Audit.ICheckpointStore : null));
        services.AddSingleton(options.Checkpoints);
        services.AddSingleton<Snapshots.ILogCheckpointSource>(provider => new StoredCheckpointSource(provider.GetRequiredService<PublishedLog>()));
        services.AddSingleton(provider => new CheckpointProducer(
            provider.GetRequiredService<PublishedLog>(), options.Checkpoints, provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<CheckpointProducer>>(), () => provider.GetRequiredService<WriteGuard>().ReadOnly));
        services.AddHostedService(provider => provider.GetRequiredService<CheckpointProducer>());
        PiiConfiguration.Add(services, options.Pii);
        SentinelNetConfiguration.Add(services, options.SentinelNet);
        CausalTraceCache.Add(services, options.Limits.TraceCacheMaxBytes);
        var authenticators = CallerAuthenticators.Create(options.Security, tls, isDevelopment, TimeProvider.System);
        services.AddSingleton(authenticators);
        services.AddSingleton(provider => new HostMetrics(
            provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), provider.GetRequiredService<SnapshotWorkerStatistics>(),
            provider.GetRequiredService<GraphStatus>(), provider.GetRequiredService<WriteGuard>(), provider.GetService<Archive.ISnapshotArchive>() is not null,
            tls, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<CheckpointProducer>()));
        services.AddSingleton<GraphStatus>();
        services.AddSingleton<GraphStatusPoller>();
        services.AddHostedService(provider => provider.GetRequiredService<GraphStatusPoller>());
        services.AddHostedService<AuditSignatureWorker>();
        services.AddSingleton(new HostFacts(
            StoreConfiguration.Describe(options.Store),
            signer,
            options.Security.Https && authenticators.Certificates is not null,
            authenticators.Certificates is not null || authenticators.Jwt is not null));

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default));
        ApiDocument.Add(services);
        Telemetry.Add(services, options.Observability);
        RateLimiting.Add(services, options.Limits);
        RequestTimeouts.Add(services, options.Limits);
    }
}
