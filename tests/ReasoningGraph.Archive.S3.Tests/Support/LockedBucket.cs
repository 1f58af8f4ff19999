using Amazon.S3;

namespace ReasoningGraph.Archive.S3.Tests.Support;

/// <summary>A class fixture: a new bucket with Object Lock and a 1-day COMPLIANCE default retention, and a raw client on it.</summary>
public sealed class LockedBucket : IAsyncLifetime
{
    public string Name { get; } = "rg-test-" + Guid.NewGuid().ToString("N")[..16];

    public IAmazonS3 Client { get; private set; } = null!;

    /// <summary>An archive in this bucket under a prefix of its own (so tests sharing the bucket do not see each other).</summary>
    public S3SnapshotArchive NewArchive(S3RetentionMode mode = S3RetentionMode.Compliance, TimeProvider? time = null) =>
        new(Client, S3Server.Options(Name, "t-" + Guid.NewGuid().ToString("N")[..12] + "/", mode), time);

    public async Task InitializeAsync()
    {
        Client = S3ArchiveClient.Create(S3Server.Options(Name));
        await new S3SnapshotArchive(Client, S3Server.Options(Name)).EnsureBucketAsync();
    }

    public Task DisposeAsync()
    {
        // Locked objects cannot be deleted; the test server's data is thrown away with it.
        Client?.Dispose();
        return Task.CompletedTask;
    }
}
