using System.Security.Cryptography.X509Certificates;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Security;

/// <summary>
/// The server certificate and the client CA as they are now: re-read when their files change (Kubernetes secret
/// rotation, short-lived certificates), without a restart. A changed file that does not load keeps the material in
/// use and is logged once per change; new TLS handshakes and new client-certificate checks use the new material.
/// </summary>
internal sealed partial class TlsMaterial(SecurityOptions options)
{
    private X509Certificate2? _server = options.ServerCertificate;
    private X509Certificate2Collection? _caRoots = options.KernelCaRoots;
    private string _serverStamp = Stamp(options.TlsCertFile, options.TlsKeyFile);
    private string _caStamp = Stamp(options.KernelCaCert);

    public X509Certificate2? ServerCertificate => Volatile.Read(ref _server);

    public X509Certificate2Collection? CaRoots => Volatile.Read(ref _caRoots);

    /// <summary>When the server certificate in force expires; null without HTTPS.</summary>
    public DateTimeOffset? ServerExpiry => ServerCertificate is { } server ? new DateTimeOffset(server.NotAfter.ToUniversalTime()) : null;

    /// <summary>When the first of the client CA certificates in force expires; null without a client CA.</summary>
    public DateTimeOffset? CaExpiry => CaRoots is { Count: > 0 } roots ? new DateTimeOffset(roots.Min(r => r.NotAfter.ToUniversalTime())) : null;

    /// <summary>Re-reads whichever files changed since the last look (by size and modification time).</summary>
    public void ReloadChanged(ILogger logger)
    {
        if (options.TlsCertFile is { } certFile && options.TlsKeyFile is { } keyFile && _server is not null && Stamp(certFile, keyFile) is var stamp && stamp != _serverStamp)
        {
            _serverStamp = stamp;
            var (certificate, problem) = SecurityFiles.TryLoadServerCertificate(certFile, keyFile);
            if (certificate is not null)
            {
                Volatile.Write(ref _server, certificate);
                LogReloaded(logger, "server certificate", certFile, certificate.NotAfter);
            }
            else
            {
                LogReloadFailed(logger, problem!);
            }
        }

        if (options.KernelCaCert is { } caFile && _caRoots is not null && Stamp(caFile) is var caStamp && caStamp != _caStamp)
        {
            _caStamp = caStamp;
            var (roots, problem) = SecurityFiles.TryLoadCaRoots(caFile);
            if (roots is not null)
            {
                Volatile.Write(ref _caRoots, roots);
                LogReloaded(logger, "client CA", caFile, CaExpiry!.Value.UtcDateTime);
            }
            else
            {
                LogReloadFailed(logger, problem!);
            }
        }
    }

    private static string Stamp(params string?[] paths) => string.Join('|', paths.Select(path =>
    {
        if (path is null)
        {
            return "";
        }

        var file = new FileInfo(path);
        return file.Exists ? $"{file.Length}:{file.LastWriteTimeUtc.Ticks}" : "missing";
    }));

    [LoggerMessage(EventId = 220, Level = LogLevel.Information, Message = "Reloaded the {What} from {Path}; it is valid until {NotAfter:u}.")]
    private static partial void LogReloaded(ILogger logger, string what, string path, DateTime notAfter);

    [LoggerMessage(EventId = 221, Level = LogLevel.Error, Message = "A changed TLS file does not load, so the one in use stays: {Problem} Fix the file; it is read again when it changes.")]
    private static partial void LogReloadFailed(ILogger logger, string problem);
}

/// <summary>Looks for changed TLS files every <c>TLS_RELOAD_SECONDS</c> (default 30).</summary>
internal sealed class TlsReloadService(TlsMaterial material, SecurityOptions options, ILogger<TlsMaterial> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.TlsReloadInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                material.ReloadChanged(logger);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
