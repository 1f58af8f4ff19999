using ReasoningGraph.Archive.S3;
using ReasoningGraph.Host.Tests.Export;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// The DR drill of docs/runbooks/replay-rebuild.md in one test, with real parts (<see cref="RecoveryDrill"/>): the
/// service on PostgreSQL signing through a real signing proxy and archiving to the filesystem archive; <c>export</c>;
/// the database dropped; <c>rebuild</c> into a fresh database from the export and the archive. Traces are
/// byte-identical and every archived snapshot verifies; a doctored export is caught, naming the snapshot and the item.
/// The same drill with the service archiving to S3 with Object Lock (the real Ceph RGW, <c>REASONING_GRAPH_TEST_S3_*</c>)
/// and <c>rebuild --archive s3://bucket/prefix/</c> reading it with the <c>S3_*</c> environment; and with the service
/// redacting operator snapshots under a PII catalog, which <c>rebuild --pii-catalog</c> needs to re-collect them.
/// </summary>
public sealed class DisasterRecoveryDrillTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-dr-drill-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task WriteSnapshotExportDropRebuild_TracesEqual_EverySnapshotVerifies()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var drill = await RecoveryDrill.StartAsync(_directory);
        string archive = Path.Combine(_directory.FullName, "archive");
        var (nodes, tracesBefore) = await drill.RecordThenDropAsync(
            server, new Dictionary<string, string> { ["ARCHIVE_DIR"] = archive }, () => Task.FromResult(RecoveryDrill.ArchivedFiles(archive)));
        int signaturesBefore = drill.Proxy.SignedDigests.Count;

        await using var rebuilt = await ScratchDatabase.CreateAsync(server);
        var result = await drill.RebuildAsync(archive, rebuilt);

        RecoveryDrill.AssertEverySnapshotVerified(result);
        Assert.Equal(tracesBefore, await RecoveryDrill.TracesAsync(rebuilt, nodes));

        // Safe mode: nothing signed, no audit events, no snapshots.
        Assert.Equal(signaturesBefore, drill.Proxy.SignedDigests.Count);
        Assert.Equal(0L, await rebuilt.ScalarAsync<long>("SELECT count(*) FROM audit_events"));
        Assert.Equal(0L, await rebuilt.ScalarAsync<long>("SELECT count(*) FROM snapshots"));

        // A second rebuild into the same, no longer empty, graph is refused and changes nothing.
        var again = await drill.RebuildAsync(archive, rebuilt);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("CONFLICT", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3Archive_WriteSnapshotExportDropRebuild_TracesEqual_EverySnapshotVerifies()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server || ExportedBatches.S3("rg-dr-drill-" + Guid.NewGuid().ToString("N")[..12]) is not { } options)
        {
            return;
        }

        options.Prefix = "drill/snapshots/";
        using var client = S3ArchiveClient.Create(options);
        using var archive = new S3SnapshotArchive(client, options);
        await archive.EnsureBucketAsync();
        await using var drill = await RecoveryDrill.StartAsync(_directory);
        var environment = new Dictionary<string, string>
        {
            ["S3_ENDPOINT"] = options.ServiceUrl!.ToString(), ["S3_ACCESS_KEY"] = options.AccessKey!, ["S3_SECRET"] = options.SecretKey!,
        };
        var (nodes, tracesBefore) = await drill.RecordThenDropAsync(
            server, new Dictionary<string, string>(environment) { ["S3_BUCKET"] = options.Bucket, ["S3_PREFIX"] = options.Prefix },
            async () => await archive.ListAsync().CountAsync());

        await using var rebuilt = await ScratchDatabase.CreateAsync(server);
        var result = await drill.RebuildAsync($"s3://{options.Bucket}/drill/snapshots/", rebuilt, environment: environment);

        RecoveryDrill.AssertEverySnapshotVerified(result);
        Assert.Equal(tracesBefore, await RecoveryDrill.TracesAsync(rebuilt, nodes));

        // Another prefix of the same bucket holds no snapshot: nothing to verify, which the summary says.
        await using var elsewhere = await ScratchDatabase.CreateAsync(server);
        var empty = await drill.RebuildAsync($"s3://{options.Bucket}/other/", elsewhere, environment: environment);
        Assert.True(empty.ExitCode == 0, empty.StandardError);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(empty.StandardOutput).RootElement.GetProperty("snapshots").GetInt32());
    }

    [Fact]
    public async Task PiiCatalog_RebuildWithTheCatalogVerifies_WithoutItReportsThePolicyVersion()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var drill = await RecoveryDrill.StartAsync(_directory);
        string archive = Path.Combine(_directory.FullName, "archive");
        string catalog = Path.Combine(_directory.FullName, "pii-catalog.json");
        await File.WriteAllTextAsync(catalog, """
            {"policy_version": "drill-2026-11", "fields": [
              {"json_path": "$.note", "category": "QUASI_IDENTIFIER"},
              {"json_path": "$.text", "category": "DIRECT_IDENTIFIER"}
            ]}
            """);
        var pii = new Dictionary<string, string>
        {
            ["PII_SALT"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()), ["PII_SALT_ID"] = "drill-salt",
        };
        var (nodes, tracesBefore) = await drill.RecordThenDropAsync(
            server, new Dictionary<string, string>(pii) { ["ARCHIVE_DIR"] = archive, ["PII_CATALOG_FILE"] = catalog },
            () => Task.FromResult(RecoveryDrill.ArchivedFiles(archive)));

        // The archived operator snapshots hold hashes of the catalogued values, not the values.
        Assert.All(Directory.GetFiles(archive, "*.json"), f => Assert.DoesNotContain("\"note\":\"decision\"", File.ReadAllText(f), StringComparison.Ordinal));

        await using var rebuilt = await ScratchDatabase.CreateAsync(server);
        var result = await drill.RebuildAsync(archive, rebuilt, ["--pii-catalog", catalog], pii);

        RecoveryDrill.AssertEverySnapshotVerified(result);
        Assert.Equal(tracesBefore, await RecoveryDrill.TracesAsync(rebuilt, nodes));

        await using var uncatalogued = await ScratchDatabase.CreateAsync(server);
        var without = await drill.RebuildAsync(archive, uncatalogued);

        Assert.Equal(1, without.ExitCode);
        using var summary = System.Text.Json.JsonDocument.Parse(without.StandardOutput);
        Assert.Equal(0, summary.RootElement.GetProperty("verified").GetInt32());
        Assert.All(summary.RootElement.GetProperty("mismatches").EnumerateArray(), m => Assert.Equal("pii-policy-version", m.GetProperty("difference").GetString()));
        Assert.Contains("PII policy 'drill-2026-11'", without.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-file")]
    [InlineData("bad-catalog")]
    public async Task PiiCatalog_Unusable_ExitsTwoAndLeavesTheDatabaseUntouched(string problem)
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var drill = await RecoveryDrill.StartAsync(_directory);
        string catalog = Path.Combine(_directory.FullName, "unusable-catalog.json");
        if (problem == "bad-catalog")
        {
            await File.WriteAllTextAsync(catalog, """{"policy_version":"p","fields":[{"json_path":"$.email","category":"SECRET"}]}""");
        }

        await using var target = await ScratchDatabase.CreateAsync(server);
        var result = await drill.RebuildAsync(Path.Combine(_directory.FullName, "archive"), target, ["--pii-catalog", catalog]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--pii-catalog", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(0L, await target.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"));
    }

    [Fact]
    public async Task RebuildFromADoctoredExport_NamesTheSnapshotAndTheItem()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } server)
        {
            return;
        }

        await using var drill = await RecoveryDrill.StartAsync(_directory);
        string archive = Path.Combine(_directory.FullName, "archive");
        string[] nodes = [.. Enumerable.Range(0, 6).Select(_ => Guid.NewGuid().ToString())];
        string snapshotId;
        await using (var original = await ScratchDatabase.CreateAsync(server))
        {
            var settings = drill.HostSettings(original);
            settings["ARCHIVE_DIR"] = archive;
            await using (var host = await Http.RunningHost.StartAsync(settings))
            {
                using var client = host.Client(devPrincipal: "operator");
                await RecoveryDrill.WriteGraphAsync(client, nodes);
                snapshotId = await RecoveryDrill.SnapshotAsync(client, nodes[2], depth: 2);
                await RecoveryDrill.WaitForArchiveAsync(() => Task.FromResult(RecoveryDrill.ArchivedFiles(archive)), 1);
            }

            await drill.ExportAsync(original);
        }

        // The export loses a node's payload change: the rebuilt graph no longer matches what was signed.
        string doctored = File.ReadAllText(drill.Export).Replace("\"note\":\"decision\"", "\"note\":\"rewritten\"", StringComparison.Ordinal);
        Assert.NotEqual(File.ReadAllText(drill.Export), doctored);
        File.WriteAllText(drill.Export, doctored);

        await using var rebuilt = await ScratchDatabase.CreateAsync(server);
        var result = await drill.RebuildAsync(archive, rebuilt);

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.StandardError.Contains($"snapshot {snapshotId}: payload-differs:", StringComparison.Ordinal), result.StandardError);
        Assert.True(result.StandardError.Contains("nodes with other content: ", StringComparison.Ordinal), result.StandardError);
        Assert.True(result.StandardError.Contains(nodes[2], StringComparison.Ordinal), result.StandardError);
    }
}
