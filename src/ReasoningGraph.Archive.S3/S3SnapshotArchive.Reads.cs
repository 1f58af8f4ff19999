using System.Runtime.CompilerServices;
using Amazon.S3.Model;

namespace ReasoningGraph.Archive.S3;

public sealed partial class S3SnapshotArchive
{
    /// <inheritdoc/>
    /// <remarks>The oldest version of the key is read: that is the one the archive wrote and locked.</remarks>
    public async Task<ArchiveDocument?> GetAsync(string snapshotId, string hash, CancellationToken cancellationToken = default)
    {
        if (await ReadOldestAsync(KeyOf(ArchiveNames.For(snapshotId, hash)), cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return null;
        }

        // Ceph RGW turns '_' in metadata names into '-' (snapshot_id comes back as snapshot-id); AWS keeps them.
        var metadata = ArchiveMetadata.FromLookup(name => stored.Metadata[name] ?? stored.Metadata[name.Replace('_', '-')]);
        return metadata is null ? ArchiveDocument.FromDocument(stored.Bytes) : new ArchiveDocument(stored.Bytes, metadata);
    }

    /// <summary>The bytes of the oldest version of any key (the one a write-once put stored), or null when the key has none.</summary>
    /// <param name="key">The full object key (not under <see cref="S3ArchiveOptions.Prefix"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes, or null.</returns>
    /// <exception cref="ArchiveException"><c>STORE_UNAVAILABLE</c>: the bucket cannot be read.</exception>
    public async Task<byte[]?> GetObjectAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return (await ReadOldestAsync(key, cancellationToken).ConfigureAwait(false))?.Bytes;
    }

    /// <summary>The bytes and metadata of the oldest version of a key (the one the archive wrote and locked), or null.</summary>
    private async Task<(byte[] Bytes, MetadataCollection Metadata)?> ReadOldestAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            string? versionId = await OldestVersionAsync(key, cancellationToken).ConfigureAwait(false);
            if (versionId is null)
            {
                return null;
            }

            using var response = await _client.GetObjectAsync(
                new GetObjectRequest { BucketName = _options.Bucket, Key = key, VersionId = versionId }, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return (buffer.ToArray(), response.Metadata);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            throw Failure($"Could not read '{key}' from bucket '{_options.Bucket}'", key, e);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Lists object versions, not objects, so a delete marker cannot hide an archived document.</remarks>
    public async IAsyncEnumerable<ArchiveEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListVersionsRequest { BucketName = _options.Bucket, Prefix = _options.Prefix };
        (string Key, long Size)? pending = null;
        while (true)
        {
            ListVersionsResponse page;
            try
            {
                page = await _client.ListVersionsAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsServiceFailure(e))
            {
                throw Failure($"Could not list bucket '{_options.Bucket}'", null, e);
            }

            // Keys come in order, each key's versions newest first: the last version seen of a key is its oldest.
            foreach (var version in page.Versions ?? [])
            {
                if (version.IsDeleteMarker == true)
                {
                    continue;
                }

                if (pending is { } previous && previous.Key != version.Key && Entry(previous) is { } entry)
                {
                    yield return entry;
                }

                pending = (version.Key, version.Size ?? 0);
            }

            if (page.IsTruncated != true)
            {
                break;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }

        if (pending is { } last && Entry(last) is { } lastEntry)
        {
            yield return lastEntry;
        }
    }

    private ArchiveEntry? Entry((string Key, long Size) version)
    {
        string name = version.Key[_options.Prefix.Length..];
        return ArchiveNames.TryParse(name, out string id, out string hash) ? new ArchiveEntry(id, hash, name, version.Size) : null;
    }

    private async Task EnsureFirstVersionAsync(string name, string key, string? versionId, CancellationToken cancellationToken)
    {
        string? oldest;
        try
        {
            oldest = await OldestVersionAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsServiceFailure(e))
        {
            throw Failure($"Could not list the versions of '{key}' in bucket '{_options.Bucket}'", key, e);
        }

        if (oldest != versionId)
        {
            throw ArchiveException.AlreadyArchived(name);
        }
    }

    private async Task<string?> OldestVersionAsync(string key, CancellationToken cancellationToken)
    {
        var request = new ListVersionsRequest { BucketName = _options.Bucket, Prefix = key };
        string? oldest = null;
        while (true)
        {
            var page = await _client.ListVersionsAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var version in page.Versions ?? [])
            {
                if (version.Key == key && version.IsDeleteMarker != true)
                {
                    oldest = version.VersionId;
                }
            }

            if (page.IsTruncated != true)
            {
                return oldest;
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }
    }
}
