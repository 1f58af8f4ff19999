using Amazon.S3;
using Amazon.S3.Model;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Export;

/// <summary>Reads back what an export left at a destination and checks it against the store.</summary>
internal static class ExportedBatches
{
    /// <summary>The test S3 server (<c>REASONING_GRAPH_TEST_S3_*</c>), or null locally without one (required in CI).</summary>
    public static S3ArchiveOptions? S3(string bucket) =>
        Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ENDPOINT") is { Length: > 0 } endpoint
            ? new S3ArchiveOptions
            {
                ServiceUrl = new Uri(endpoint),
                Bucket = bucket,
                AccessKey = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_ACCESS_KEY"),
                SecretKey = Environment.GetEnvironmentVariable("REASONING_GRAPH_TEST_S3_SECRET"),
                Prefix = "",
                RetentionPeriod = TimeSpan.FromDays(1),
            }
            : string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
                ? throw new InvalidOperationException("REASONING_GRAPH_TEST_S3_ENDPOINT is required in CI.")
                : null;

    /// <summary>Every batch file in a directory, in name order, decompressed and parsed.</summary>
    public static IReadOnlyList<SnapshotBatchEntry> InDirectory(string directory) =>
        !Directory.Exists(directory) ? []
            : Directory.GetFiles(directory, "*" + SnapshotBatchFormat.Extension).Order(StringComparer.Ordinal)
                .SelectMany(path => SnapshotBatchFormat.Read(File.ReadAllBytes(path))).ToList();

    /// <summary>Every batch object under a prefix (the oldest version of each key), in key order.</summary>
    public static async Task<IReadOnlyList<SnapshotBatchEntry>> InBucketAsync(IAmazonS3 client, S3ArchiveOptions options, string prefix)
    {
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = prefix });
        using var archive = new S3SnapshotArchive(client, options);
        var entries = new List<SnapshotBatchEntry>();
        foreach (var key in (listed.S3Objects ?? []).Select(o => o.Key).Where(k => k.EndsWith(SnapshotBatchFormat.Extension, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            entries.AddRange(SnapshotBatchFormat.Read((await archive.GetObjectAsync(key))!));
        }

        return entries;
    }

    /// <summary>
    /// The exported lines are exactly the signed snapshots, each once, in seq order, byte for byte, and every one
    /// verifies offline.
    /// </summary>
    public static void AssertExactlyOnce(IReadOnlyList<SnapshotBatchEntry> entries, IReadOnlyDictionary<Guid, StoredSnapshot> signed, SignerRegistry registry)
    {
        Assert.All(entries, e => Assert.Null(e.Error));
        var ids = entries.Select(e => Guid.Parse(e.SnapshotId!)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(signed.Keys.Order(), ids.Order());
        Assert.Equal(entries.Select(e => e.Seq!.Value).Order(), entries.Select(e => e.Seq!.Value));
        var verifier = new SnapshotVerifier(registry);
        foreach (var entry in entries)
        {
            Assert.Equal(signed[Guid.Parse(entry.SnapshotId!)].Document.ToArray(), entry.Document.ToArray());
            Assert.True(verifier.Verify(entry.Document.Span).IsVerified);
        }
    }
}
