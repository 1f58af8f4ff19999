using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using ReasoningGraph.Archive.S3.Tests.Support;
using ReasoningGraph.Tests.Archive;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Archive.S3.Tests;

/// <summary>What the server enforces on archived objects: the WORM guarantees themselves, not the client's word.</summary>
[RequiresS3]
public sealed class ObjectLockTests(LockedBucket bucket) : IClassFixture<LockedBucket>
{
    [Fact]
    public async Task Put_ReadsBackTheRetentionInForce()
    {
        var archive = bucket.NewArchive();
        var document = await ArchiveSamples.DocumentAsync();

        var receipt = await archive.PutAsync(document);

        Assert.Equal("COMPLIANCE", receipt.RetentionMode);
        Assert.InRange(receipt.RetainUntil!.Value, TimeProvider.System.GetUtcNow().AddDays(1).AddMinutes(-5), TimeProvider.System.GetUtcNow().AddDays(1).AddMinutes(5));
        var retention = await bucket.Client.GetObjectRetentionAsync(new() { BucketName = bucket.Name, Key = archive.KeyOf(document.Name), VersionId = receipt.VersionId });
        Assert.Equal(ObjectLockRetentionMode.Compliance, retention.Retention.Mode);
        Assert.Equal($"s3://{bucket.Name}/{archive.KeyOf(document.Name)}", receipt.Location);
    }

    [Fact]
    public async Task DeletingTheArchivedVersion_IsRefusedByTheServer()
    {
        var archive = bucket.NewArchive();
        var document = await ArchiveSamples.DocumentAsync();
        var receipt = await archive.PutAsync(document);

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            bucket.Client.DeleteObjectAsync(new() { BucketName = bucket.Name, Key = archive.KeyOf(document.Name), VersionId = receipt.VersionId }));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(document.Document.ToArray(), (await archive.GetAsync(document.Metadata.SnapshotId, document.Metadata.Hash))!.Document.ToArray());
    }

    [Fact]
    public async Task ShorteningComplianceRetention_IsRefusedByTheServer()
    {
        var archive = bucket.NewArchive();
        var document = await ArchiveSamples.DocumentAsync();
        var receipt = await archive.PutAsync(document);

        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() => bucket.Client.PutObjectRetentionAsync(new()
        {
            BucketName = bucket.Name,
            Key = archive.KeyOf(document.Name),
            VersionId = receipt.VersionId,
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(1) },
        }));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task GovernanceRetention_RefusesDeletionWithoutTheBypass()
    {
        var archive = bucket.NewArchive(S3RetentionMode.Governance);
        var document = await ArchiveSamples.DocumentAsync();

        var receipt = await archive.PutAsync(document);

        Assert.Equal("GOVERNANCE", receipt.RetentionMode);
        var refused = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            bucket.Client.DeleteObjectAsync(new() { BucketName = bucket.Name, Key = archive.KeyOf(document.Name), VersionId = receipt.VersionId }));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AnotherWriter_CannotReplaceOrHideTheArchivedDocument()
    {
        var archive = bucket.NewArchive();
        var document = await ArchiveSamples.DocumentAsync();
        await archive.PutAsync(document);
        string key = archive.KeyOf(document.Name);

        // A plain PUT (no If-None-Match) makes a newer version; a plain DELETE adds a delete marker on top.
        await bucket.Client.PutObjectAsync(new() { BucketName = bucket.Name, Key = key, ContentBody = "forged" });
        await bucket.Client.DeleteObjectAsync(new() { BucketName = bucket.Name, Key = key });

        var read = await archive.GetAsync(document.Metadata.SnapshotId, document.Metadata.Hash);
        Assert.Equal(document.Document.ToArray(), read!.Document.ToArray());
        Assert.Equal(document.Metadata, read.Metadata);
        var listed = await archive.ListAsync().ToListAsync();
        Assert.Equal([document.Name], listed.Select(e => e.Name));
        Assert.Equal(document.Document.Length, listed[0].Size);
    }

    [Fact]
    public async Task Metadata_IsStoredOnTheObject()
    {
        var archive = bucket.NewArchive();
        var document = await ArchiveSamples.DocumentAsync(piiIncluded: true);
        var receipt = await archive.PutAsync(document);

        var head = await bucket.Client.GetObjectMetadataAsync(new() { BucketName = bucket.Name, Key = archive.KeyOf(document.Name), VersionId = receipt.VersionId });

        // Ceph RGW stores '_' in metadata names as '-'; AWS S3 keeps the names as sent. The archive reads either.
        string? Stored(string name) => head.Metadata[name] ?? head.Metadata[name.Replace('_', '-')];
        foreach (var (name, value) in document.Metadata.ToDictionary())
        {
            Assert.Equal(value, Stored(name));
        }

        Assert.Equal("true", Stored("pii_included"));
        Assert.Equal("pii-v3", Stored("pii_policy_version"));
        Assert.Equal(7, head.Metadata.Count);
    }

    [Fact]
    public async Task Put_IntoABucketWithoutObjectLock_FailsAndLeavesNoCopy()
    {
        string plain = "rg-plain-" + Guid.NewGuid().ToString("N")[..16];
        await bucket.Client.PutBucketAsync(new PutBucketRequest { BucketName = plain });
        using var archive = new S3SnapshotArchive(bucket.Client, S3Server.Options(plain));
        var document = await ArchiveSamples.DocumentAsync();

        var error = await Assert.ThrowsAsync<ArchiveException>(() => archive.PutAsync(document));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Null(await archive.GetAsync(document.Metadata.SnapshotId, document.Metadata.Hash));
        var probe = await archive.ProbeAsync();
        Assert.False(probe.IsReady);
        Assert.Contains(plain, probe.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_OfAMissingBucket_IsNotReady()
    {
        using var archive = new S3SnapshotArchive(bucket.Client, S3Server.Options("rg-missing-" + Guid.NewGuid().ToString("N")[..12]));

        Assert.False((await archive.ProbeAsync()).IsReady);
    }

    [Fact]
    public async Task WrongCredentials_AreANonTransientFailure()
    {
        var options = S3Server.Options(bucket.Name, "wrong/");
        options.SecretKey = "not-the-secret";
        using var archive = new S3SnapshotArchive(options);
        var document = await ArchiveSamples.DocumentAsync();

        var error = await Assert.ThrowsAsync<ArchiveException>(() => archive.PutAsync(document));

        Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
        Assert.Equal(ArchiveFailureReasons.Unavailable, error.Reason);
        Assert.False(error.IsTransient);
        Assert.Contains("wrong/" + document.Name, error.Message, StringComparison.Ordinal);
    }
}
