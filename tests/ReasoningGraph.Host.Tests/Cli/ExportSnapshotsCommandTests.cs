using System.IO.Compression;
using System.Text;
using System.Text.Json;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Host.Tests.Export;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>reasoning-graph export-snapshots</c> and <c>verify-snapshot</c> on batches, as processes, against the real
/// PostgreSQL and Ceph RGW (<c>REASONING_GRAPH_TEST_DATABASE_URL</c>, <c>REASONING_GRAPH_TEST_S3_*</c>; without them
/// these do nothing locally, in CI they fail).
/// </summary>
public sealed class ExportSnapshotsCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-export-cli-");

    public void Dispose()
    {
        foreach (var file in _directory.EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes = FileAttributes.Normal;
        }

        _directory.Delete(recursive: true);
    }

    private string Dir(string name) => Path.Combine(_directory.FullName, name);

    private static Task<CliResult> ExportAsync(ExportGraph graph, params string[] arguments) =>
        CliProcess.RunAsync(["export-snapshots", "--database-url", graph.Url, "--schema", graph.Schema, "--env", "test", .. arguments]);

    private async Task<string> SignersAsync(ExportGraph graph)
    {
        string path = Dir("signers.json");
        var signer = graph.Registry.Signers.Single();
        await File.WriteAllTextAsync(path, $"{{\"{signer.SignerId}\":{{\"publicKey\":\"{Convert.ToBase64String(signer.SubjectPublicKeyInfo.Span)}\"}}}}");
        return path;
    }

    [Fact]
    public async Task Directories_AuditorsOnlyToTheirArchive_BatchesVerify_SecondRunExportsNothing_TamperedLineIsNamed()
    {
        if (ExportGraph.DatabaseUrl is not { } url)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        for (int i = 0; i < 4; i++)
        {
            await graph.SignAsync(i == 2 ? SnapshotAudience.Auditor : SnapshotAudience.Operator);
        }

        // Auditor snapshots exist and no archive is configured for them: refused, nothing written.
        var refused = await ExportAsync(graph, "--to", Dir("ops"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("FORBIDDEN", refused.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir("ops")));

        var export = await ExportAsync(graph, "--to", Dir("ops"), "--auditor-to", Dir("pii"), "--batch-size", "2");
        Assert.True(export.ExitCode == 0, export.StandardError);
        var summary = JsonDocument.Parse(export.StandardOutput).RootElement;
        Assert.Equal(3, summary.GetProperty("operator").GetProperty("snapshots").GetInt64());
        Assert.Equal(1, summary.GetProperty("auditor").GetProperty("snapshots").GetInt64());
        Assert.StartsWith("export-snapshots: 4 items in ", export.StandardError, StringComparison.Ordinal); // progress: stderr, both audiences
        string ops = Path.Combine(Dir("ops"), "reasoning-graph", "test");
        string pii = Path.Combine(Dir("pii"), "reasoning-graph", "test");
        var operatorLines = ExportedBatches.InDirectory(ops);
        ExportedBatches.AssertExactlyOnce(operatorLines, await graph.SignedAsync(SnapshotAudience.Operator), graph.Registry);
        ExportedBatches.AssertExactlyOnce(ExportedBatches.InDirectory(pii), await graph.SignedAsync(SnapshotAudience.Auditor), graph.Registry);
        var auditorIds = (await graph.SignedAsync(SnapshotAudience.Auditor)).Keys.Select(k => (string?)k.ToString()).ToHashSet();
        Assert.All(operatorLines, l => Assert.DoesNotContain(l.SnapshotId, auditorIds));
        Assert.All(operatorLines, l => Assert.Contains("\"pii_included\":false", Encoding.UTF8.GetString(l.Document.Span), StringComparison.Ordinal));

        var again = await ExportAsync(graph, "--to", Dir("ops"), "--auditor-to", Dir("pii"), "--quiet");
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Empty(again.StandardError);
        Assert.Equal(0, JsonDocument.Parse(again.StandardOutput).RootElement.GetProperty("operator").GetProperty("snapshots").GetInt64());
        Assert.Equal(2, Directory.GetFiles(ops, "*.jsonl.gz").Length);

        string signers = await SignersAsync(graph);
        string first = Directory.GetFiles(ops, "*.jsonl.gz").Order(StringComparer.Ordinal).First();
        var verified = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", first, "--signers", signers]);
        Assert.True(verified.ExitCode == 0, verified.StandardError);
        Assert.Equal(2, JsonDocument.Parse(verified.StandardOutput).RootElement.GetProperty("snapshots").GetInt32());

        // The same batch uncompressed (gunzip): told from a document by its content, every line verified.
        string plain = Dir("plain.jsonl");
        await File.WriteAllTextAsync(plain, Gunzip(File.ReadAllBytes(first)));
        var unzipped = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", plain, "--signers", signers]);
        Assert.True(unzipped.ExitCode == 0, unzipped.StandardError);
        Assert.Equal(2, JsonDocument.Parse(unzipped.StandardOutput).RootElement.GetProperty("snapshots").GetInt32());

        // Change one payload value inside the second line's document: that line, and only it, fails, by name.
        string tampered = Dir("tampered.jsonl.gz");
        var lines = Gunzip(File.ReadAllBytes(first)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[1] = lines[1].Replace("\\\"n\\\":1", "\\\"n\\\":2", StringComparison.Ordinal);
        await File.WriteAllBytesAsync(tampered, Gzip(string.Join('\n', lines) + "\n"));
        var failed = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", tampered, "--signers", signers]);
        Assert.Equal(1, failed.ExitCode);
        var verdict = JsonDocument.Parse(failed.StandardOutput).RootElement;
        var failure = Assert.Single(verdict.GetProperty("failures").EnumerateArray());
        Assert.Equal(2, failure.GetProperty("line").GetInt32());
        Assert.Equal("hash-mismatch", failure.GetProperty("reason").GetString());
        Assert.Equal(operatorLines[1].SnapshotId, failure.GetProperty("snapshotId").GetString());
        Assert.Contains($"line 2 (snapshot {operatorLines[1].SnapshotId}", failed.StandardError, StringComparison.Ordinal);

        // A registry without this signer: every line is an unknown signer; a line that is not JSON is malformed.
        string empty = Dir("other.json");
        await File.WriteAllTextAsync(empty, File.ReadAllText(signers).Replace("export-test", "someone-else", StringComparison.Ordinal));
        var unknown = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", first, "--signers", empty]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.All(JsonDocument.Parse(unknown.StandardOutput).RootElement.GetProperty("failures").EnumerateArray(),
            f => Assert.Equal("unknown-signer", f.GetProperty("reason").GetString()));
        await File.WriteAllBytesAsync(tampered, Gzip(lines[0] + "\n{not json\n"));
        var malformed = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", tampered, "--signers", signers]);
        Assert.Equal(1, malformed.ExitCode);
        Assert.Equal("malformed-line", JsonDocument.Parse(malformed.StandardOutput).RootElement.GetProperty("failures")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WatermarkOfAnotherGraphOrAudience_IsRefusedWithConflict_AndNothingChanges()
    {
        if (ExportGraph.DatabaseUrl is not { } url)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        await graph.SignAsync(SnapshotAudience.Operator);
        var first = await ExportAsync(graph, "--audience", "operator", "--to", Dir("ops"));
        Assert.True(first.ExitCode == 0, first.StandardError);
        string destination = Path.Combine(Dir("ops"), "reasoning-graph", "test");
        byte[] watermark = File.ReadAllBytes(Path.Combine(destination, "watermark.json"));
        string[] files = Directory.GetFiles(destination);

        // Something new to export, so a run that wrongly went ahead would write a batch and move the watermark.
        await graph.SignAsync(SnapshotAudience.Operator);
        var otherGraph = await ExportAsync(graph, "--audience", "operator", "--to", Dir("ops"), "--graph-id", "other-graph");
        var otherAudience = await ExportAsync(graph, "--audience", "auditor", "--auditor-to", Dir("ops"));

        foreach (var (refused, expected) in new[] { (otherGraph, "not the operator export of graph 'other-graph'"), (otherAudience, "not the auditor export of graph 'default'") })
        {
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("error: CONFLICT: ", refused.StandardError, StringComparison.Ordinal);
            Assert.True(refused.StandardError.Contains(expected, StringComparison.Ordinal), refused.StandardError);
            Assert.Empty(refused.StandardOutput);
        }

        Assert.Equal(watermark, File.ReadAllBytes(Path.Combine(destination, "watermark.json")));
        Assert.Equal(files, Directory.GetFiles(destination));

        // The environment is part of the path, so another one has a watermark of its own: it starts from seq 0.
        var staging = await CliProcess.RunAsync(
            ["export-snapshots", "--database-url", graph.Url, "--schema", graph.Schema, "--env", "staging", "--audience", "operator", "--to", Dir("ops")]);
        Assert.True(staging.ExitCode == 0, staging.StandardError);
        Assert.Equal(2, JsonDocument.Parse(staging.StandardOutput).RootElement.GetProperty("operator").GetProperty("snapshots").GetInt64());
        Assert.Equal(watermark, File.ReadAllBytes(Path.Combine(destination, "watermark.json")));
    }

    [Fact]
    public async Task S3_ExportThenVerifyTheBatchObjectByUri()
    {
        if (ExportGraph.DatabaseUrl is not { } url || ExportedBatches.S3("rg-export-cli-" + Guid.NewGuid().ToString("N")[..12]) is not { } options)
        {
            return;
        }

        await using var graph = await ExportGraph.CreateAsync(url);
        using (var client = S3ArchiveClient.Create(options))
        using (var archive = new S3SnapshotArchive(client, options))
        {
            await archive.EnsureBucketAsync();
        }

        for (int i = 0; i < 3; i++)
        {
            await graph.SignAsync(SnapshotAudience.Operator);
        }

        var environment = new Dictionary<string, string>
        {
            ["S3_ENDPOINT"] = options.ServiceUrl!.ToString(), ["S3_ACCESS_KEY"] = options.AccessKey!, ["S3_SECRET"] = options.SecretKey!,
            ["S3_RETENTION_DAYS"] = "1",
        };
        var export = await CliProcess.RunAsync(
            ["export-snapshots", "--database-url", graph.Url, "--schema", graph.Schema, "--env", "ci", "--audience", "operator", "--to", $"s3://{options.Bucket}/exports"],
            environment: environment);
        Assert.True(export.ExitCode == 0, export.StandardError);
        string batch = JsonDocument.Parse(export.StandardOutput).RootElement.GetProperty("operator").GetProperty("batches")[0].GetString()!;
        Assert.Matches($"^s3://{options.Bucket}/exports/reasoning-graph/ci/[0-9]{{8}}T[0-9]{{6}}\\.[0-9]{{6}}Z\\.jsonl\\.gz$", batch);

        var verified = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", batch, "--signers", await SignersAsync(graph)], environment: environment);
        Assert.True(verified.ExitCode == 0, verified.StandardError);
        Assert.Equal(3, JsonDocument.Parse(verified.StandardOutput).RootElement.GetProperty("snapshots").GetInt32());

        var missing = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", batch + ".nope", "--signers", await SignersAsync(graph)], environment: environment);
        Assert.Equal(2, missing.ExitCode);
    }

    private static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
