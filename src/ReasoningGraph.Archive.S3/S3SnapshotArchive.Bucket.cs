using Amazon.S3;
using Amazon.S3.Model;

namespace ReasoningGraph.Archive.S3;

public sealed partial class S3SnapshotArchive
{
    /// <inheritdoc/>
    /// <remarks>Ready when the bucket has Object Lock enabled with a default retention (the safety net for writes that bypass per-object lock headers).</remarks>
    public async Task<ArchiveProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _client.GetObjectLockConfigurationAsync(
                new GetObjectLockConfigurationRequest { BucketName = _options.Bucket }, cancellationToken).ConfigureAwait(false);
            var configuration = response.ObjectLockConfiguration;
            if (configuration?.ObjectLockEnabled != ObjectLockEnabled.Enabled)
            {
                return new(false, $"bucket '{_options.Bucket}' does not have Object Lock enabled");
            }

            return configuration.Rule?.DefaultRetention is { Mode: not null } retention
                ? new(true, $"bucket '{_options.Bucket}' has Object Lock, default {retention.Mode.Value} for {retention.Days ?? 0} days {retention.Years ?? 0} years")
                : new(false, $"bucket '{_options.Bucket}' has Object Lock but no default retention");
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            return new(false, $"bucket '{_options.Bucket}' cannot be inspected: {e.Message}");
        }
    }

    /// <summary>
    /// Creates the bucket with Object Lock when it does not exist, and sets its default retention to the configured
    /// mode and period (for set-up scripts and tests; production buckets are usually provisioned separately).
    /// </summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task completing when the bucket is ready.</returns>
    /// <exception cref="ArchiveException">The bucket could not be created or configured.</exception>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            try
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _options.Bucket, ObjectLockEnabledForBucket = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Already there: its lock configuration is still (re)applied below, which fails if Object Lock is off.
            }

            await _client.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
            {
                BucketName = _options.Bucket,
                ObjectLockConfiguration = new ObjectLockConfiguration
                {
                    ObjectLockEnabled = ObjectLockEnabled.Enabled,
                    Rule = new ObjectLockRule
                    {
                        DefaultRetention = new DefaultRetention
                        {
                            Mode = _options.RetentionMode == S3RetentionMode.Compliance ? ObjectLockRetentionMode.Compliance : ObjectLockRetentionMode.Governance,
                            Days = (int)_options.RetentionPeriod.TotalDays,
                        },
                    },
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            throw Failure($"Could not create or configure bucket '{_options.Bucket}'", null, e);
        }
    }
}
