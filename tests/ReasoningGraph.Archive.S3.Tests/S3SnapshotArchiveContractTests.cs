using ReasoningGraph.Archive.S3.Tests.Support;
using ReasoningGraph.Tests.Archive;

namespace ReasoningGraph.Archive.S3.Tests;

/// <summary>The archive contract against a real S3 server with Object Lock.</summary>
[RequiresS3]
public sealed class S3SnapshotArchiveContractTests(LockedBucket bucket) : SnapshotArchiveContractTests, IClassFixture<LockedBucket>
{
    protected override Task<ISnapshotArchive> NewArchiveAsync() => Task.FromResult<ISnapshotArchive>(bucket.NewArchive());
}
