using ReasoningGraph.Archive;
using ReasoningGraph.Archive.FileSystem;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Host.Background;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The snapshot archives (<see cref="ArchiveOptions"/>) and the worker that fills them. The operator archive is the
/// container's <see cref="ISnapshotArchive"/>; the auditor archive is keyed <see cref="AuditorKey"/>; the worker takes
/// both as <see cref="SnapshotArchives"/>. The worker runs only when a signer is configured: without one no snapshot can
/// be taken or finished.
/// </summary>
internal static class ArchiveConfiguration
{
    /// <summary>The service key of the auditor (PII) archive.</summary>
    public const string AuditorKey = "auditor";

    public static void Add(IServiceCollection services, ArchiveOptions archive, SnapshotWorkerOptions worker, bool signerConfigured)
    {
        var graph = services.AddReasoningGraph();
        if (archive.S3 is { } s3)
        {
            // UseS3Archive starts from the process environment; the settings override what they set.
            graph.UseS3Archive(options =>
            {
                options.Bucket = s3.Bucket!;
                options.ServiceUrl = s3.Endpoint ?? options.ServiceUrl;
                options.Region = s3.Region ?? options.Region;
                options.AccessKey = s3.AccessKey ?? options.AccessKey;
                options.SecretKey = s3.Secret ?? options.SecretKey;
                options.Prefix = s3.Prefix ?? options.Prefix;
                options.RetentionMode = s3.RetentionMode ?? options.RetentionMode;
                options.RetentionPeriod = s3.RetentionPeriod ?? options.RetentionPeriod;
            });
        }
        else
        {
            graph.UseFileSystemArchive(archive.Directory);
        }

        // Built by the container, which disposes it; its settings were checked when read.
        services.AddKeyedSingleton<ISnapshotArchive>(AuditorKey, (provider, _) => archive.AuditorS3 is { } auditor
            ? new S3SnapshotArchive(auditor, provider.GetService<TimeProvider>())
            : new FileSystemSnapshotArchive(new FileSystemArchiveOptions { Directory = archive.AuditorDirectory }));
        services.AddSingleton(provider => new SnapshotArchives(
            provider.GetRequiredService<ISnapshotArchive>(), provider.GetRequiredKeyedService<ISnapshotArchive>(AuditorKey)));

        bool workerRuns = signerConfigured && worker.Enabled;
        services.AddSingleton(worker);
        services.AddSingleton(new SnapshotArchiveQueue(workerRuns));
        services.AddSingleton<SnapshotWorkerStatistics>();
        if (workerRuns)
        {
            services.AddHostedService<SnapshotWorker>();
        }
    }
}
