using ReasoningGraph.Host.Background;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The snapshot archive and the worker that fills it. S3 with Object Lock when <c>S3_BUCKET</c> is set
/// (<c>UseS3Archive</c>: the environment's <c>S3_*</c> and AWS variables, overridden by the same names in the
/// configuration), else read-only files under <c>ARCHIVE_DIR</c> (default <c>&lt;DATA_DIR&gt;/archive</c>).
/// The worker runs only when a signer is configured: without one no snapshot can be taken or finished.
/// </summary>
internal static class ArchiveConfiguration
{
    public static string Describe(IConfiguration configuration) =>
        ConfigurationFlags.Text(configuration, "S3_BUCKET") is { } bucket ? "s3://" + bucket : "filesystem " + Directory(configuration);

    public static void Add(WebApplicationBuilder builder, bool signerConfigured)
    {
        var configuration = builder.Configuration;
        var graph = builder.Services.AddReasoningGraph();
        if (ConfigurationFlags.Text(configuration, "S3_BUCKET") is not null)
        {
            graph.UseS3Archive(options =>
            {
                options.Bucket = ConfigurationFlags.Text(configuration, "S3_BUCKET")!;
                if (ConfigurationFlags.Text(configuration, "S3_ENDPOINT") is { } endpoint)
                {
                    options.ServiceUrl = new Uri(endpoint, UriKind.Absolute);
                }

                options.Region = ConfigurationFlags.Text(configuration, "S3_REGION") ?? options.Region;
                options.AccessKey = ConfigurationFlags.Text(configuration, "S3_ACCESS_KEY") ?? options.AccessKey;
                options.SecretKey = ConfigurationFlags.Text(configuration, "S3_SECRET") ?? options.SecretKey;
                options.Prefix = ConfigurationFlags.Text(configuration, "S3_PREFIX") ?? options.Prefix;
            });
        }
        else
        {
            graph.UseFileSystemArchive(Directory(configuration));
        }

        var worker = SnapshotWorkerSettings.Read(configuration);
        bool workerRuns = signerConfigured && worker.Enabled;
        builder.Services.AddSingleton(worker);
        builder.Services.AddSingleton(new SnapshotArchiveQueue(workerRuns));
        builder.Services.AddSingleton<SnapshotWorkerStatistics>();
        if (workerRuns)
        {
            builder.Services.AddHostedService<SnapshotWorker>();
        }
    }

    private static string Directory(IConfiguration configuration) =>
        Path.GetFullPath(ConfigurationFlags.Text(configuration, "ARCHIVE_DIR")
            ?? Path.Combine(ConfigurationFlags.Text(configuration, "DATA_DIR") ?? "data", "archive"));
}
