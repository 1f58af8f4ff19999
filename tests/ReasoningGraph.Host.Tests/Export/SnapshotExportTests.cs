using FsCheck;
using FsCheck.Fluent;
using ReasoningGraph.Archive.Export;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Export;

/// <summary>
/// <see cref="SnapshotExporter"/> on the real PostgreSQL store, into real directories and the real Ceph RGW, with
/// crashes simulated at each point of a batch: the exported lines are always exactly the signed snapshots, once each.
/// Without <c>REASONING_GRAPH_TEST_DATABASE_URL</c> (and <c>_S3_ENDPOINT</c> for S3) these do nothing locally; in CI they fail.
/// </summary>
public sealed class SnapshotExportTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-export-");

    public void Dispose()
    {
        foreach (var file in _directory.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }

        _directory.Delete(recursive: true);
    }

    private static SnapshotExporter Exporter(ExportGraph graph, int batchSize = 1000) =>
        new(graph.Store.Snapshots, new SnapshotExportOptions { GraphId = "default", BatchSize = batchSize });

    [Fact]
    public async Task Export_EveryLineVerifies_PendingOnesFollowWhenSigned_AndARunWithNothingNewWritesNothing()
    {
        if (ExportGraph.DatabaseUrl is not { } url)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        for (int i = 0; i < 5; i++)
        {
            await graph.SignAsync(SnapshotAudience.Operator);
        }

        Guid pending = await graph.LeavePendingAsync(SnapshotAudience.Operator);
        await graph.SignAsync(SnapshotAudience.Auditor);
        var destination = new DirectoryExportDestination(_directory.FullName);

        var first = await Exporter(graph, batchSize: 2).ExportAsync(destination, SnapshotAudience.Operator);
        Assert.Equal(5, first.Snapshots);
        Assert.Equal(3, first.Batches.Count);
        ExportedBatches.AssertExactlyOnce(ExportedBatches.InDirectory(_directory.FullName), await graph.SignedAsync(SnapshotAudience.Operator), graph.Registry);

        // The snapshot created before the export but signed after it is not skipped: its seq is its signing position.
        Assert.Equal(1, (await graph.FinishPendingAsync()).Completed);
        var second = await Exporter(graph, batchSize: 2).ExportAsync(destination, SnapshotAudience.Operator);
        Assert.Equal(1, second.Snapshots);
        var entries = ExportedBatches.InDirectory(_directory.FullName);
        Assert.Equal(pending.ToString(), entries[^1].SnapshotId);
        ExportedBatches.AssertExactlyOnce(entries, await graph.SignedAsync(SnapshotAudience.Operator), graph.Registry);

        var files = Directory.GetFiles(_directory.FullName).Order().ToArray();
        var third = await Exporter(graph).ExportAsync(destination, SnapshotAudience.Operator);
        Assert.Equal(0, third.Snapshots);
        Assert.Empty(third.Batches);
        Assert.Equal(files, Directory.GetFiles(_directory.FullName).Order().ToArray());
        Assert.Equal(second.ToSeq, third.ToSeq);
    }

    [Theory]
    [InlineData(CrashPoint.BeforeBatchWrite, 1)]
    [InlineData(CrashPoint.AfterBatchWrite, 1)]
    [InlineData(CrashPoint.AfterBatchWrite, 2)]
    [InlineData(CrashPoint.AfterWatermark, 2)]
    public async Task CrashedRun_ThenMoreSnapshots_ThenResume_NoDuplicatesNoGaps(CrashPoint point, int onBatch)
    {
        if (ExportGraph.DatabaseUrl is not { } url)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        for (int i = 0; i < 5; i++)
        {
            await graph.SignAsync(SnapshotAudience.Operator);
        }

        var real = new DirectoryExportDestination(_directory.FullName);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Exporter(graph, 2).ExportAsync(new CrashingDestination(real, point, onBatch), SnapshotAudience.Operator));

        // Signed after the crash: the resumed run's batches differ from what the crashed run would have written.
        await graph.SignAsync(SnapshotAudience.Operator);
        var resumed = await Exporter(graph, 4).ExportAsync(real, SnapshotAudience.Operator);
        Assert.Equal(point == CrashPoint.AfterBatchWrite ? 1 : 0, resumed.Adopted.Count);
        ExportedBatches.AssertExactlyOnce(ExportedBatches.InDirectory(_directory.FullName), await graph.SignedAsync(SnapshotAudience.Operator), graph.Registry);
        Assert.Equal(0, (await Exporter(graph).ExportAsync(real, SnapshotAudience.Operator)).Snapshots);
    }

    [Fact]
    public async Task RandomSnapshotsAndCrashes_TheBatchesHoldEverySignedSnapshotExactlyOnce()
    {
        if (ExportGraph.DatabaseUrl is not { } url)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        var step = Gen.Elements(CrashPoint.None, CrashPoint.BeforeBatchWrite, CrashPoint.AfterBatchWrite, CrashPoint.AfterWatermark)
            .Zip(Gen.Choose(0, 4), (crash, signed) => (crash, signed))
            .Zip(Gen.Choose(1, 3), (s, batch) => (s.crash, s.signed, batch))
            .Zip(Gen.Choose(1, 2), (s, onBatch) => (s.crash, s.signed, s.batch, onBatch));
        int run = 0;
        Prop.ForAll(Gen.Choose(1, 6).SelectMany(n => step.ArrayOf(n)).ToArbitrary(), steps =>
        {
            // Each case exports the same growing graph into a directory of its own, from nothing.
            string directory = Path.Combine(_directory.FullName, "case-" + Interlocked.Increment(ref run));
            CheckAsync(graph, directory, steps).GetAwaiter().GetResult();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(15));
    }

    private static async Task CheckAsync(ExportGraph graph, string directory, IEnumerable<(CrashPoint Crash, int Signed, int Batch, int OnBatch)> steps)
    {
        var real = new DirectoryExportDestination(directory);
        foreach (var (crash, signed, batch, onBatch) in steps)
        {
            for (int i = 0; i < signed; i++)
            {
                await graph.SignAsync(i % 3 == 2 ? SnapshotAudience.Auditor : SnapshotAudience.Operator);
            }

            try
            {
                await Exporter(graph, batch).ExportAsync(new CrashingDestination(real, crash, onBatch), SnapshotAudience.Operator);
            }
            catch (SimulatedCrashException)
            {
                // The process "died"; the next step runs a fresh export.
            }
        }

        await Exporter(graph, 3).ExportAsync(real, SnapshotAudience.Operator);
        ExportedBatches.AssertExactlyOnce(ExportedBatches.InDirectory(directory), await graph.SignedAsync(SnapshotAudience.Operator), graph.Registry);
    }

    [Fact]
    public async Task S3_CrashAfterTheBatchWrite_ResumeAdoptsTheLockedBatch_EveryLineVerifies_AndAuditorsGoElsewhere()
    {
        if (ExportGraph.DatabaseUrl is not { } url || ExportedBatches.S3("rg-export-" + Guid.NewGuid().ToString("N")[..12]) is not { } options)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        using var client = S3ArchiveClient.Create(options);
        using (var archive = new S3SnapshotArchive(client, options))
        {
            await archive.EnsureBucketAsync();
        }

        for (int i = 0; i < 4; i++)
        {
            await graph.SignAsync(i == 1 ? SnapshotAudience.Auditor : SnapshotAudience.Operator);
        }

        using var operators = new S3ExportDestination(client, options, "ops/reasoning-graph/test/");
        using var auditors = new S3ExportDestination(client, options, "pii/reasoning-graph/test/");
        await Assert.ThrowsAsync<SimulatedCrashException>(() => Exporter(graph, 2).ExportAsync(new CrashingDestination(operators, CrashPoint.AfterBatchWrite), SnapshotAudience.Operator));
        Assert.Null(await operators.ReadWatermarkAsync());
        await graph.SignAsync(SnapshotAudience.Operator);

        var resumed = await Exporter(graph, 3).ExportAsync(operators, SnapshotAudience.Operator);
        Assert.Single(resumed.Adopted);
        var audited = await Exporter(graph).ExportAsync(auditors, SnapshotAudience.Auditor);
        Assert.Equal(1, audited.Snapshots);

        var operatorLines = await ExportedBatches.InBucketAsync(client, options, "ops/");
        ExportedBatches.AssertExactlyOnce(operatorLines, await graph.SignedAsync(SnapshotAudience.Operator), graph.Registry);
        Assert.All(operatorLines, e => Assert.Equal("operator", e.Audience));
        ExportedBatches.AssertExactlyOnce(await ExportedBatches.InBucketAsync(client, options, "pii/"), await graph.SignedAsync(SnapshotAudience.Auditor), graph.Registry);
        Assert.Equal(0, (await Exporter(graph).ExportAsync(operators, SnapshotAudience.Operator)).Snapshots);

        // The batch is locked: the server refuses to delete the version the export wrote.
        var versions = await client.ListVersionsAsync(new Amazon.S3.Model.ListVersionsRequest { BucketName = options.Bucket, Prefix = resumed.Adopted[0][$"s3://{options.Bucket}/".Length..] });
        var denied = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => client.DeleteObjectAsync(new Amazon.S3.Model.DeleteObjectRequest
        {
            BucketName = options.Bucket, Key = versions.Versions[0].Key, VersionId = versions.Versions[^1].VersionId,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
