using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive.S3;

public sealed partial class S3SnapshotArchive
{
    /// <summary>
    /// Reads back the retention of the version just written and fails unless it is the mode asked for and lasts
    /// at least until <paramref name="retainUntil"/>: some servers silently ignore lock headers (Ceph RGW does on
    /// multipart uploads), so the upload call is not trusted.
    /// </summary>
    private async Task<ObjectLockRetention> ReadRetentionAsync(string key, string? versionId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        string expectedMode = _options.RetentionMode == S3RetentionMode.Compliance ? "COMPLIANCE" : "GOVERNANCE";
        ObjectLockRetention? retention = null;
        Exception? cause = null;
        try
        {
            var response = await _client.GetObjectRetentionAsync(
                new GetObjectRetentionRequest { BucketName = _options.Bucket, Key = key, VersionId = versionId }, cancellationToken).ConfigureAwait(false);
            retention = response.Retention;
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            cause = e;
        }

        if (retention?.Mode?.Value == expectedMode && retention.RetainUntilDate is { } until &&
            DateTime.SpecifyKind(until, DateTimeKind.Utc) >= retainUntil.UtcDateTime - RetentionTolerance)
        {
            return retention;
        }

        // An unprotected copy must not pass for an archived one: remove it (this fails, harmlessly, if it is locked after all).
        await TryDeleteVersionAsync(key, versionId).ConfigureAwait(false);
        string found = retention is null ? "no retention" : $"{retention.Mode?.Value ?? "no mode"} until {retention.RetainUntilDate:O}";
        throw new ArchiveException(
            ErrorCodes.StoreUnavailable,
            ArchiveFailureReasons.RetentionNotInForce,
            $"'{key}' in bucket '{_options.Bucket}' was written but reads back {found}, not {expectedMode} until {retainUntil:O}: the archive does not protect it. Check that the bucket has Object Lock enabled.",
            key,
            transient: false,
            cause);
    }

    private async Task TryDeleteVersionAsync(string key, string? versionId)
    {
        try
        {
            await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _options.Bucket, Key = key, VersionId = versionId }).ConfigureAwait(false);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            // Locked or unreachable: either way the caller is told the write failed.
        }
    }

    internal static bool IsServiceFailure(Exception e) => e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or TimeoutException;

    private static ArchiveException Failure(string what, string? key, Exception e)
    {
        // 5xx, throttling and network failures may pass; a 4xx refusal (credentials, missing bucket) will not.
        bool transient = e is not AmazonServiceException service || (int)service.StatusCode >= 500 || (int)service.StatusCode == 429 || service.StatusCode == 0;
        return new ArchiveException(ErrorCodes.StoreUnavailable, ArchiveFailureReasons.Unavailable, $"{what}: {e.Message}", key, transient, e);
    }
}
