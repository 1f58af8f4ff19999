using ReasoningGraph.Host.Background;
using ReasoningGraph.Host.Configuration;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The snapshot archive (<see cref="ArchiveOptions"/>) and the worker that fills it. The worker runs only when a signer
/// is configured: without one no snapshot can be taken or finished.
/// </summary>
internal static class ArchiveConfiguration
{
    public static void Add(IServiceCollection services, ArchiveOptions archive, SnapshotWorkerOptions worker, bool signerConfigured)
    {
        var graph = services.AddReasoningGraph();
        if (archive.S3Bucket is { } bucket)
        {
            // UseS3Archive starts from the process environment; the settings override what they set.
            graph.UseS3Archive(options =>
            {
                options.Bucket = bucket;
                options.ServiceUrl = archive.S3Endpoint ?? options.ServiceUrl;
                options.Region = archive.S3Region ?? options.Region;
                options.AccessKey = archive.S3AccessKey ?? options.AccessKey;
                options.SecretKey = archive.S3Secret ?? options.SecretKey;
                options.Prefix = archive.S3Prefix ?? options.Prefix;
                options.RetentionMode = archive.S3RetentionMode ?? options.RetentionMode;
                options.RetentionPeriod = archive.S3RetentionPeriod ?? options.RetentionPeriod;
            });
        }
        else
        {
            graph.UseFileSystemArchive(archive.Directory);
        }

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
