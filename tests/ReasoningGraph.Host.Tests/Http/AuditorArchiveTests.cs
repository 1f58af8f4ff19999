using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReasoningGraph.Archive;
using ReasoningGraph.Archive.S3;
using ReasoningGraph.Host.Serving;
using ReasoningGraph.Host.Tests.Export;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The service's worker archives each audience only to its own archive: operator snapshots to <c>ARCHIVE_DIR</c> or
/// <c>S3_BUCKET</c>, auditor (PII) snapshots to <c>AUDITOR_ARCHIVE_DIR</c> or <c>AUDITOR_S3_BUCKET</c> with its own
/// retention; <c>/ready</c> probes both. Outside Development, an operator archive chosen without an auditor one is refused.
/// </summary>
public sealed class AuditorArchiveTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-auditor-archive-");
    private SwitchableSigningProxy _proxy = null!;
    private string _registry = null!;

    public async Task InitializeAsync()
    {
        _proxy = await SwitchableSigningProxy.StartAsync();
        _registry = await _proxy.WriteRegistryAsync(_directory.FullName);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Theory]
    [InlineData("embedded")]
    [InlineData("postgres")]
    public async Task OperatorAndAuditorSnapshots_EachOnlyInItsOwnDirectory(string store)
    {
        var settings = Settings();
        string operatorDirectory = Path.Combine(_directory.FullName, "data", "archive");
        string auditorDirectory = Path.Combine(_directory.FullName, "data", "archive-auditor");
        await using var database = store == "postgres" && TestDatabase.ConnectionStringOrSkip() is { } server ? await ScratchDatabase.CreateAsync(server) : null;
        if (store == "postgres")
        {
            if (database is null)
            {
                return;
            }

            // Chosen explicitly here; the embedded case runs on the defaults under DATA_DIR.
            operatorDirectory = Path.Combine(_directory.FullName, "operator");
            auditorDirectory = Path.Combine(_directory.FullName, "auditor");
            settings["DATABASE_URL"] = database.ConnectionString;
            settings["ARCHIVE_DIR"] = operatorDirectory;
            settings["AUDITOR_ARCHIVE_DIR"] = auditorDirectory;
        }

        await using var host = await RunningHost.StartAsync(settings);
        using var client = host.Client(devPrincipal: "auditor-desk");
        var (operatorId, auditorId) = await SnapshotBothAsync(client);

        var verifier = new SnapshotVerifier(SignerRegistry.Load(_registry));
        string operatorFile = await WaitForFileAsync(operatorDirectory, operatorId);
        string auditorFile = await WaitForFileAsync(auditorDirectory, auditorId);
        Assert.Equal([operatorFile], Directory.GetFiles(operatorDirectory, "*.json"));
        Assert.Equal([auditorFile], Directory.GetFiles(auditorDirectory, "*.json"));
        Assert.Contains("\"audience\":\"auditor\"", await File.ReadAllTextAsync(auditorFile), StringComparison.Ordinal);
        Assert.True(verifier.Verify(await File.ReadAllBytesAsync(auditorFile)).IsVerified);
        Assert.True(verifier.Verify(await File.ReadAllBytesAsync(operatorFile)).IsVerified);
        await AssertReadyAsync(client);
    }

    [Fact]
    public async Task S3_TwoBuckets_EachAudienceInItsOwn_WithItsOwnRetention()
    {
        string suffix = Guid.NewGuid().ToString("N")[..12];
        if (ExportedBatches.S3("rg-operator-" + suffix) is not { } operatorOptions || ExportedBatches.S3("rg-auditor-" + suffix) is not { } auditorOptions)
        {
            return;
        }

        operatorOptions.Prefix = "ops/";
        auditorOptions.Prefix = "pii/";
        auditorOptions.RetentionMode = S3RetentionMode.Governance;
        auditorOptions.RetentionPeriod = TimeSpan.FromDays(3);
        using var client = S3ArchiveClient.Create(operatorOptions);
        using var operatorArchive = new S3SnapshotArchive(client, operatorOptions);
        using var auditorArchive = new S3SnapshotArchive(client, auditorOptions);
        await operatorArchive.EnsureBucketAsync();
        await auditorArchive.EnsureBucketAsync();
        var settings = Settings();
        settings["S3_ENDPOINT"] = operatorOptions.ServiceUrl!.ToString();
        settings["S3_ACCESS_KEY"] = operatorOptions.AccessKey!;
        settings["S3_SECRET"] = operatorOptions.SecretKey!;
        settings["S3_BUCKET"] = operatorOptions.Bucket;
        settings["S3_PREFIX"] = "ops/";
        settings["S3_RETENTION_DAYS"] = "1";
        settings["AUDITOR_S3_BUCKET"] = auditorOptions.Bucket; // the endpoint is the operator's (S3_ENDPOINT)
        settings["AUDITOR_S3_ACCESS_KEY"] = auditorOptions.AccessKey!;
        settings["AUDITOR_S3_SECRET"] = auditorOptions.SecretKey!;
        settings["AUDITOR_S3_PREFIX"] = "pii/";
        settings["AUDITOR_S3_RETENTION_MODE"] = "GOVERNANCE";
        settings["AUDITOR_S3_RETENTION_DAYS"] = "3";

        await using var host = await RunningHost.StartAsync(settings);
        using var http = host.Client(devPrincipal: "auditor-desk");
        var (operatorId, auditorId) = await SnapshotBothAsync(http);

        var operatorEntry = await WaitForEntryAsync(operatorArchive, operatorId);
        var auditorEntry = await WaitForEntryAsync(auditorArchive, auditorId);
        Assert.Equal([operatorId], await operatorArchive.ListAsync().Select(e => e.SnapshotId).ToListAsync());
        Assert.Equal([auditorId], await auditorArchive.ListAsync().Select(e => e.SnapshotId).ToListAsync());
        await AssertRetentionAsync(client, operatorOptions.Bucket, operatorArchive.KeyOf(operatorEntry.Name), ObjectLockRetentionMode.Compliance, days: 1);
        await AssertRetentionAsync(client, auditorOptions.Bucket, auditorArchive.KeyOf(auditorEntry.Name), ObjectLockRetentionMode.Governance, days: 3);
        await AssertReadyAsync(http);
    }

    [Theory]
    [InlineData("S3_BUCKET=operator-bucket")]
    [InlineData("ARCHIVE_DIR=/var/lib/worm/archive")]
    public void OutsideDevelopment_AnOperatorArchiveWithoutAnAuditorOne_IsRefused(string operatorArchive)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("Production", "--" + operatorArchive));
        string problem = Assert.Single(error.Failures);
        Assert.StartsWith(operatorArchive.Split('=')[0] + " is set but no archive for auditor (PII) snapshots is", problem, StringComparison.Ordinal);
        Assert.Contains("AUDITOR_S3_BUCKET", problem, StringComparison.Ordinal);
        Assert.Contains("AUDITOR_ARCHIVE_DIR", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AUDITOR_S3_BUCKET must name another bucket than S3_BUCKET", "--S3_BUCKET=shared", "--AUDITOR_S3_BUCKET=shared")]
    [InlineData("AUDITOR_ARCHIVE_DIR must differ from ARCHIVE_DIR", "--ARCHIVE_DIR=/srv/archive", "--AUDITOR_ARCHIVE_DIR=/srv/archive/")]
    [InlineData("(AUDITOR_S3_ACCESS_KEY, AUDITOR_S3_SECRET)", "--S3_BUCKET=ops", "--S3_ACCESS_KEY=a", "--S3_SECRET=s", "--AUDITOR_S3_BUCKET=pii", "--AUDITOR_S3_ACCESS_KEY=b")]
    [InlineData("AUDITOR_S3_RETENTION_DAYS 'forever'", "--S3_BUCKET=ops", "--AUDITOR_S3_BUCKET=pii", "--AUDITOR_S3_RETENTION_DAYS=forever")]
    [InlineData("AUDITOR_S3_RETENTION_MODE 'LEGAL'", "--AUDITOR_S3_BUCKET=pii", "--AUDITOR_S3_RETENTION_MODE=LEGAL")]
    public void AnAuditorArchiveThatIsTheOperatorsOrUnusable_IsRefused(string expected, params string[] settings)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Build("Production", settings));
        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Development_S3WithoutAnAuditorArchive_KeepsAuditorSnapshotsUnderDataDir()
    {
        await using var app = Build("Development", "--S3_BUCKET=operator-bucket");
        var archives = app.Services.GetRequiredService<SnapshotArchives>();
        Assert.Equal("s3", archives.Operator.Kind);
        Assert.Equal("filesystem", archives.Auditor.Kind);
        Assert.Same(archives.Auditor, app.Services.GetRequiredKeyedService<ISnapshotArchive>(ArchiveConfiguration.AuditorKey));
    }

    private Dictionary<string, string> Settings()
    {
        var settings = SnapshotHostSettings.For(_directory, _proxy, _registry);
        settings["SNAPSHOT_WORKER_INTERVAL_SECONDS"] = "0.2";
        settings["SNAPSHOT_WORKER_MAX_INTERVAL_SECONDS"] = "1";
        settings["SNAPSHOT_WORKER_GRACE_SECONDS"] = "0";
        return settings;
    }

    private Microsoft.AspNetCore.Builder.WebApplication Build(string environment, params string[] settings) =>
        ServiceHost.Build(["--urls=http://127.0.0.1:0", $"--environment={environment}", $"--DATA_DIR={Path.Combine(_directory.FullName, "data")}", "--STORE=embedded", .. settings]);

    /// <summary>One snapshot of each audience over the same node; their ids.</summary>
    private static async Task<(string Operator, string Auditor)> SnapshotBothAsync(HttpClient client)
    {
        string root = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", root))).Status);
        var (operatorStatus, operatorSnapshot) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { root } });
        var (auditorStatus, auditorSnapshot) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { root }, audience = "auditor" });
        Assert.Equal(HttpStatusCode.Created, operatorStatus);
        Assert.Equal(HttpStatusCode.Created, auditorStatus);
        return (operatorSnapshot.GetProperty("snapshotId").GetString()!, auditorSnapshot.GetProperty("snapshotId").GetString()!);
    }

    private static async Task AssertReadyAsync(HttpClient client)
    {
        var (status, ready) = await HostApi.GetAsync(client, "/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", ready.GetProperty("archive").GetString());
        Assert.Equal("ok", ready.GetProperty("auditorArchive").GetString());
    }

    private static async Task AssertRetentionAsync(IAmazonS3 client, string bucket, string key, ObjectLockRetentionMode mode, int days)
    {
        var retention = (await client.GetObjectRetentionAsync(new GetObjectRetentionRequest { BucketName = bucket, Key = key })).Retention;
        Assert.Equal(mode, retention.Mode);
        var expected = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(days);
        Assert.InRange(retention.RetainUntilDate!.Value.ToUniversalTime(), expected.AddMinutes(-10), expected.AddMinutes(1));
    }

    private static async Task<string> WaitForFileAsync(string directory, string snapshotId)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            if (Directory.Exists(directory) && Directory.GetFiles(directory, snapshotId + ".*.json") is [{ } file])
            {
                return file;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"snapshot {snapshotId} did not reach {directory} within {Patience}");
            await Task.Delay(100);
        }
    }

    private static async Task<ArchiveEntry> WaitForEntryAsync(S3SnapshotArchive archive, string snapshotId)
    {
        var deadline = TimeProvider.System.GetUtcNow() + Patience;
        while (true)
        {
            if (await archive.ListAsync().FirstOrDefaultAsync(e => e.SnapshotId == snapshotId) is { } entry)
            {
                return entry;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"snapshot {snapshotId} was not archived within {Patience}");
            await Task.Delay(200);
        }
    }
}
