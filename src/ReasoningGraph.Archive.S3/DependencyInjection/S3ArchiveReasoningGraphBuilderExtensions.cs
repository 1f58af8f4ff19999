using Microsoft.Extensions.Options;
using ReasoningGraph.Archive;
using ReasoningGraph.Archive.S3;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the S3 archive on the builder returned by <c>AddReasoningGraph()</c>.</summary>
public static class S3ArchiveReasoningGraphBuilderExtensions
{
    /// <summary>
    /// Archives signed snapshots in an S3 bucket with Object Lock (a singleton <see cref="S3SnapshotArchive"/>, also
    /// resolvable as <see cref="ISnapshotArchive"/>). Settings start from the environment
    /// (<see cref="S3ArchiveOptions.FromEnvironment"/>) and are validated at start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Further settings applied after the environment; may be null.</param>
    /// <returns>The builder.</returns>
    public static ReasoningGraphBuilder UseS3Archive(this ReasoningGraphBuilder builder, Action<S3ArchiveOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<S3ArchiveOptions>()
            .Configure(options =>
            {
                S3ArchiveOptions environment;
                try
                {
                    environment = S3ArchiveOptions.FromEnvironment();
                }
                catch (FormatException e)
                {
                    // Reported like every other configuration problem at start-up.
                    throw new OptionsValidationException(string.Empty, typeof(S3ArchiveOptions), [e.Message]);
                }

                options.ServiceUrl = environment.ServiceUrl;
                options.Bucket = environment.Bucket;
                options.Region = environment.Region;
                options.AccessKey = environment.AccessKey;
                options.SecretKey = environment.SecretKey;
                options.Prefix = environment.Prefix;
                options.RetentionMode = environment.RetentionMode;
                options.RetentionPeriod = environment.RetentionPeriod;
                configure?.Invoke(options);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<S3ArchiveOptions>, S3ArchiveOptionsValidator>();
        services.AddSingleton(provider => new S3SnapshotArchive(
            provider.GetRequiredService<IOptions<S3ArchiveOptions>>().Value, provider.GetService<TimeProvider>()));
        return builder.UseArchive(provider => provider.GetRequiredService<S3SnapshotArchive>());
    }
}
