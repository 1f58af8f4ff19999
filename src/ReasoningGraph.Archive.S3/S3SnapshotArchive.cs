using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace ReasoningGraph.Archive.S3;

/// <summary>
/// The S3 archive: one object per document under <see cref="S3ArchiveOptions.Prefix"/>, written with a single
/// <c>PutObject</c> carrying the metadata, an Object Lock retention and <c>If-None-Match: *</c>, then read back
/// with <c>GetObjectRetention</c>: the write only counts when the retention asked for is in force. Object Lock
/// buckets are versioned and some servers (Ceph RGW) ignore <c>If-None-Match</c> there, so the archive also
/// refuses a key that already has a version, and after writing checks that its version is the oldest one (a
/// concurrent writer that lost the race gets <see cref="ArchiveFailureReasons.AlreadyArchived"/>; its extra
/// version stays locked and unused). Reads take the oldest version of a key, so a later version or a delete
/// marker written by someone else can never stand in for the archived document.
/// </summary>
public sealed partial class S3SnapshotArchive : ISnapshotArchive, IDisposable
{
    // Servers store retain-until dates with second precision.
    private static readonly TimeSpan RetentionTolerance = TimeSpan.FromSeconds(1);

    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly S3ArchiveOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates an archive with its own client (<see cref="S3ArchiveClient.Create"/>).</summary>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock retention periods start from; null for the system clock.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public S3SnapshotArchive(S3ArchiveOptions options, TimeProvider? timeProvider = null)
        : this(S3ArchiveClient.Create(options), options, timeProvider, ownsClient: true)
    {
    }

    /// <summary>Creates an archive on a client the caller owns (and disposes).</summary>
    /// <param name="client">The S3 client.</param>
    /// <param name="options">The settings (the client settings in them are not used).</param>
    /// <param name="timeProvider">The clock retention periods start from; null for the system clock.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public S3SnapshotArchive(IAmazonS3 client, S3ArchiveOptions options, TimeProvider? timeProvider = null)
        : this(client, options, timeProvider, ownsClient: false)
    {
    }

    private S3SnapshotArchive(IAmazonS3 client, S3ArchiveOptions options, TimeProvider? timeProvider, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        S3ArchiveOptionsValidator.ThrowIfInvalid(options);
        _client = client;
        _ownsClient = ownsClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public string Kind => "s3";

    /// <summary>The object key of an archive name.</summary>
    /// <param name="name">The name (<see cref="ArchiveNames.For"/>).</param>
    /// <returns>The key, under the prefix.</returns>
    public string KeyOf(string name) => _options.Prefix + name;

    /// <inheritdoc/>
    public async Task<ArchiveReceipt> PutAsync(ArchiveDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var receipt = await PutCoreAsync(KeyOf(document.Name), document.Name, document.Document, "application/json", document.Metadata.ToDictionary(), cancellationToken).ConfigureAwait(false);
        return new ArchiveReceipt
        {
            Name = document.Name, Location = receipt.Location, Size = receipt.Size, RetentionMode = receipt.RetentionMode,
            RetainUntil = receipt.RetainUntil, VersionId = receipt.VersionId,
        };
    }

    /// <summary>
    /// Writes any object write-once, exactly as documents are written (<see cref="PutAsync"/>): refused when the key
    /// has a version, one <c>PutObject</c> with the Object Lock retention, retention read back, first-version check.
    /// For other write-once artefacts of the archive, such as export batches.
    /// </summary>
    /// <param name="key">The full object key (not under <see cref="S3ArchiveOptions.Prefix"/>).</param>
    /// <param name="content">The bytes (one request: at most 5 GB).</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="metadata">Object metadata (<c>x-amz-meta-*</c>), printable ASCII; may be null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was stored, with <see cref="ArchiveReceipt.Name"/> the key.</returns>
    /// <exception cref="ArchiveException">
    /// <c>CONFLICT</c> (<see cref="ArchiveFailureReasons.AlreadyArchived"/>): the key exists; <c>STORE_UNAVAILABLE</c>:
    /// the write failed or its retention is not in force.
    /// </exception>
    public Task<ArchiveReceipt> PutObjectAsync(
        string key, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return PutCoreAsync(key, key, content, contentType, metadata, cancellationToken);
    }

    /// <summary>The write-once put; <paramref name="name"/> is what failures name (the document name, or the key).</summary>
    private async Task<ArchiveReceipt> PutCoreAsync(
        string key, string name, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        var retainUntil = _time.GetUtcNow() + _options.RetentionPeriod;
        var request = PutRequest(key, content, contentType, metadata, retainUntil);
        PutObjectResponse written;
        try
        {
            // If-None-Match alone is not enough: Ceph RGW ignores it on versioned (Object Lock) buckets and adds a version.
            if (await OldestVersionAsync(key, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw ArchiveException.AlreadyArchived(name);
            }

            written = await _client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.Conflict)
        {
            throw ArchiveException.AlreadyArchived(name, e);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            throw Failure($"Could not write '{key}' to bucket '{_options.Bucket}'", key, e);
        }

        var retention = await ReadRetentionAsync(key, written.VersionId, retainUntil, cancellationToken).ConfigureAwait(false);
        await EnsureFirstVersionAsync(name, key, written.VersionId, cancellationToken).ConfigureAwait(false);
        return new ArchiveReceipt
        {
            Name = key,
            Location = $"s3://{_options.Bucket}/{key}",
            Size = content.Length,
            RetentionMode = retention.Mode.Value,
            RetainUntil = new DateTimeOffset(DateTime.SpecifyKind(retention.RetainUntilDate!.Value, DateTimeKind.Utc)),
            VersionId = written.VersionId,
        };
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private PutObjectRequest PutRequest(string key, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? metadata, DateTimeOffset retainUntil)
    {
        byte[] bytes = content.ToArray();
        var request = new PutObjectRequest
        {
            BucketName = _options.Bucket,
            Key = key,
            InputStream = new MemoryStream(bytes, writable: false),
            ContentType = contentType,
            // Object Lock writes need an integrity header; Content-MD5 is the one every S3 server accepts.
            MD5Digest = ContentMd5(bytes),
            ObjectLockMode = _options.RetentionMode == S3RetentionMode.Compliance ? ObjectLockMode.Compliance : ObjectLockMode.Governance,
            ObjectLockRetainUntilDate = retainUntil.UtcDateTime,
            IfNoneMatch = "*",
        };
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Metadata.Add(name, value);
        }

        return request;
    }

#pragma warning disable CA5351 // MD5 is the protocol's transfer checksum here, not a security measure.
    internal static string ContentMd5(byte[] bytes) => Convert.ToBase64String(MD5.HashData(bytes));
#pragma warning restore CA5351
}
