using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Policy;
using ReasoningGraph.Host.Security;

namespace ReasoningGraph.Host.Serving;

/// <summary>Builds and runs the web application.</summary>
internal static class ServiceHost
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = Build(args);
            await app.StartAsync(cancellationToken);
            var facts = app.Services.GetRequiredService<HostFacts>();
            string url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "";
            StartupBanner.Write(Console.Error, url, facts, app.Services.GetRequiredService<CallerAuthenticators>().AllowDevPrincipal);
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            // Start-up validation: one line per problem, exit code 2 like any bad input.
            await Console.Error.WriteLineAsync("error: the service cannot start with this configuration:");
            foreach (string problem in e.Failures)
            {
                await Console.Error.WriteLineAsync("  - " + problem);
            }

            return Cli.ExitCodes.BadInput;
        }

        return Cli.ExitCodes.Success;
    }

    /// <summary>The configured application, not started. Throws <see cref="OptionsValidationException"/> for a bad configuration.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = SecuritySettings.Read(builder.Configuration);
        StartupGuards.ThrowIfUnsafe(builder.Environment, settings);
        Listening.Configure(builder, settings);

        builder.Services.AddSingleton(TimeProvider.System);
        StoreConfiguration.Add(builder);
        string? signer = SigningConfiguration.AddSigning(builder.Services, builder.Configuration, builder.Environment);
        ArchiveConfiguration.Add(builder, signer is not null);
        PiiConfiguration.Add(builder);
        SentinelNetConfiguration.Add(builder);
        CausalTraceCache.Add(builder);
        var authenticators = CallerAuthenticators.Create(settings, builder.Environment.IsDevelopment(), TimeProvider.System);
        builder.Services.AddSingleton(authenticators);
        builder.Services.AddSingleton(new HostFacts(
            StoreConfiguration.Describe(builder.Configuration),
            signer,
            settings.TlsConfigured && !settings.DevSkipMtls && authenticators.Certificates is not null,
            authenticators.Certificates is not null || authenticators.Jwt is not null,
            authenticators.Certificates?.TrustedRoots.Min(c => (DateTimeOffset?)c.NotAfter),
            settings.TlsConfigured ? X509CertificateLoader.LoadCertificateFromFile(settings.TlsCertFile!).NotAfter : null));

        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJsonContext.Default));
        builder.Services.AddOpenApi();
        Telemetry.Add(builder);
        RateLimiting.Add(builder);
        RequestTimeouts.Add(builder);
        Logs.Configure(builder);

        var app = builder.Build();
        app.UseMiddleware<ErrorEnvelopeMiddleware>();
        app.UseMiddleware<CallerMiddleware>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.MapOpenApi();
        HealthEndpoints.Map(app);
        ReadyEndpoints.Map(app);
        Telemetry.Map(app);
        ApiRoutes.Map(app.MapGroup("").RequireRateLimiting(RateLimiting.PerPrincipal));
        app.MapFallback(() => new ErrorResult(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such endpoint."));
        return app;
    }
}
