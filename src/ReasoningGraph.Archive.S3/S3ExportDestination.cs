using Amazon.S3;
using Amazon.S3.Model;
using ReasoningGraph.Archive.Export;

namespace ReasoningGraph.Archive.S3;

/// <summary>
/// Export batches as write-once objects in an Object Lock bucket (<see cref="S3SnapshotArchive.PutObjectAsync"/>: one
/// <c>PutObject</c> with retention, read back; never multipart, which Ceph RGW would leave unlocked), under
/// <c>&lt;base&gt;&lt;timestamp&gt;.jsonl.gz</c>, and the watermark as <c>&lt;base&gt;watermark.json</c>. The watermark
/// is the one object that changes: each update is a new version of that key (a versioned bucket never overwrites;
/// the bucket's default retention locks each small version, which leaves a history of the export's progress), and
/// the newest version is read. Batches are read from their oldest version, the one the export wrote.
/// </summary>
public sealed class S3ExportDestination : IExportDestination, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly S3SnapshotArchive _archive;
    private readonly string _bucket;
    private readonly string _base;

    /// <summary>Creates a destination on a client the caller owns.</summary>
    /// <param name="client">The S3 client (<see cref="S3ArchiveClient.Create"/>).</param>
    /// <param name="options">The bucket, retention mode and period (its <see cref="S3ArchiveOptions.Prefix"/> is not used).</param>
    /// <param name="keyPrefix">The key prefix of the batches: empty or ending in <c>/</c> (for example <c>exports/reasoning-graph/production/</c>).</param>
    /// <param name="timeProvider">The clock retention periods start from; null for the system clock.</param>
    public S3ExportDestination(IAmazonS3 client, S3ArchiveOptions options, string keyPrefix, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        if (keyPrefix.Length > 0 && !keyPrefix.EndsWith('/'))
        {
            throw new ArgumentException("The key prefix must be empty or end in '/'.", nameof(keyPrefix));
        }

        _client = client;
        _archive = new S3SnapshotArchive(client, options, timeProvider);
        _bucket = options.Bucket;
        _base = keyPrefix;
    }

    /// <inheritdoc/>
    /// <remarks>The client is the caller's and stays open.</remarks>
    public void Dispose() => _archive.Dispose();

    /// <inheritdoc/>
    public string LocationOf(string batchName) => $"s3://{_bucket}/{_base}{batchName}";

    /// <inheritdoc/>
    public async Task<bool> TryPutBatchAsync(string batchName, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken = default)
    {
        try
        {
            await _archive.PutObjectAsync(_base + batchName, batch, "application/gzip", null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ArchiveException e) when (e.Reason == ArchiveFailureReasons.AlreadyArchived)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public Task<byte[]?> ReadBatchAsync(string batchName, CancellationToken cancellationToken = default) =>
        _archive.GetObjectAsync(_base + batchName, cancellationToken);

    /// <inheritdoc/>
    public async Task<ExportWatermark?> ReadWatermarkAsync(CancellationToken cancellationToken = default)
    {
        string key = _base + ExportWatermark.Name;
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return ExportWatermark.FromJson(buffer.ToArray(), LocationOf(ExportWatermark.Name));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // No watermark (or a delete marker on it): start from the beginning; existing batches are adopted, not rewritten.
            return null;
        }
        catch (Exception e) when (S3SnapshotArchive.IsServiceFailure(e))
        {
            throw ArchiveException.Unavailable($"Could not read '{LocationOf(ExportWatermark.Name)}': {e.Message}", ExportWatermark.Name, e);
        }
    }

    /// <inheritdoc/>
    public async Task WriteWatermarkAsync(ExportWatermark watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        byte[] bytes = watermark.ToJson();
        try
        {
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _bucket,
                Key = _base + ExportWatermark.Name,
                InputStream = new MemoryStream(bytes, writable: false),
                ContentType = "application/json",
                MD5Digest = S3SnapshotArchive.ContentMd5(bytes),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (S3SnapshotArchive.IsServiceFailure(e))
        {
            throw ArchiveException.Unavailable($"Could not write '{LocationOf(ExportWatermark.Name)}': {e.Message}", ExportWatermark.Name, e);
        }
    }
}
