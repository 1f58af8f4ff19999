using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary><c>reasoning-graph verify-snapshot</c>: the verdict on stdout, the reason on stderr, and the exit codes.</summary>
public sealed class VerifySnapshotCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-verify-");
    private string _registry = null!;
    private string _snapshot = null!;
    private byte[] _document = null!;
    private string _hash = null!;

    public async Task InitializeAsync()
    {
        string keys = Path.Combine(_directory.FullName, "keys");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", keys, "--signer-id", "kernel-1"])).ExitCode);
        _registry = Path.Combine(keys, "signers.json");
        using var signer = LocalEd25519Signer.FromFile(Path.Combine(keys, "signing-key.pem"), "kernel-1");
        var signed = await new SnapshotDocumentSigner(signer).SignAsync(new SnapshotContent
        {
            Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa",
            RootIds = ["0193a5b2-7c1e-7d4f-8a9b-000000000001"],
            CreatedAt = "2025-11-17T12:00:00Z",
            ReasoningGraphVersion = "0.1.0",
            Payload = """{"nodes":[],"edges":[],"annotations":[],"audience":"operator","pii_included":false,"pii_policy_version":"v1"}"""u8.ToArray(),
        });
        _document = signed.Document.ToArray();
        _hash = signed.Hash;
        _snapshot = WriteDocument("snapshot.json", _document);
    }

    public Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private string WriteDocument(string name, byte[] content)
    {
        string path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Tampered(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(_document)!.AsObject();
        edit(root);
        return WriteDocument(Guid.NewGuid().ToString("N") + ".json", Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    [Fact]
    public async Task PublicKey_VerifiesWithTheOneKeyGiven_AndAnotherKeyFails()
    {
        string other = Path.Combine(_directory.FullName, "other");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", other, "--signer-id", "kernel-1"])).ExitCode);

        var good = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot, "--public-key", Path.Combine(_directory.FullName, "keys", "signing-key.pub")]);
        var bad = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot, "--public-key", Path.Combine(other, "signing-key.pub")]);
        var neither = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot]);

        Assert.True(good.ExitCode == 0, good.StandardError);
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--signers FILE or --public-key FILE", neither.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServicesOwnAnswerSavedToAFile_IsUnwrappedAndVerified()
    {
        byte[] envelope = [.. "{\"ok\":true,\"snapshot\":"u8, .. _document, .. "}"u8];

        var result = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", WriteDocument("answer.json", envelope), "--signers", _registry]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(_hash, JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Verified_ExitsZeroWithAVerdict()
    {
        var result = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot, "--signers", _registry]);

        Assert.Equal(0, result.ExitCode);
        using var verdict = JsonDocument.Parse(result.StandardOutput);
        Assert.True(verdict.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal("verified", verdict.RootElement.GetProperty("reason").GetString());
        Assert.Equal("kernel-1", verdict.RootElement.GetProperty("signerId").GetString());
        Assert.Equal("0193a5b2-7c1e-7d4f-8a9b-0000000000aa", verdict.RootElement.GetProperty("snapshotId").GetString());
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public async Task FromStandardInput_Verifies()
    {
        var result = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", "-", "--signers", _registry], _document);

        Assert.Equal(0, result.ExitCode);
    }

    public static TheoryData<string, string, string> Failures => new()
    {
        { "payload", "hash-mismatch", "snapshot_bytes_canonical_hash" },
        { "signer", "unknown-signer", "signer_kid" },
        { "signature", "bad-signature", "signature" },
        { "missing", "malformed-document", "created_at" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailedVerification_ExitsOneWithTheReason(string change, string reason, string field)
    {
        string path = Tampered(d =>
        {
            switch (change)
            {
                case "payload": d["payload"]!["pii_included"] = true; break;
                case "signer": d["signer_kid"] = "kernel-9"; break;
                case "signature": d["signature"] = Convert.ToBase64String(new byte[64]); break;
                default: d.Remove("created_at"); break;
            }
        });

        var result = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", path, "--signers", _registry]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"verification failed: {reason} ({field}): ", result.StandardError, StringComparison.Ordinal);
        using var verdict = JsonDocument.Parse(result.StandardOutput);
        Assert.False(verdict.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(reason, verdict.RootElement.GetProperty("reason").GetString());
        Assert.Equal(field, verdict.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task UncompressedBatch_ToldFromADocumentByContent_EveryLineVerified()
    {
        string good = BatchLine(1, _document);
        string tampered = BatchLine(2, File.ReadAllBytes(Tampered(d => d["payload"]!["pii_included"] = true)));

        // One line is one JSON object, like a document, yet it is read as a batch of one (its verdict counts snapshots).
        var single = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", WriteDocument("one.json", Encoding.UTF8.GetBytes(good + "\n")), "--signers", _registry, "--quiet"]);
        var both = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", WriteDocument("two.jsonl", Encoding.UTF8.GetBytes(good + "\n" + tampered + "\n")), "--signers", _registry]);

        Assert.True(single.ExitCode == 0, single.StandardError);
        Assert.Equal(1, JsonDocument.Parse(single.StandardOutput).RootElement.GetProperty("snapshots").GetInt32());
        Assert.Empty(single.StandardError); // --quiet: no progress
        Assert.Equal(1, both.ExitCode);
        Assert.StartsWith("verify-snapshot: 2 items in ", both.StandardError, StringComparison.Ordinal); // progress on stderr, before the failures
        Assert.Contains("\nverification failed: line 2 ", both.StandardError, StringComparison.Ordinal);
        var failure = Assert.Single(JsonDocument.Parse(both.StandardOutput).RootElement.GetProperty("failures").EnumerateArray());
        Assert.Equal(2, failure.GetProperty("line").GetInt32());
        Assert.Equal("hash-mismatch", failure.GetProperty("reason").GetString());
    }

    /// <summary>An export batch line (docs/ARCHIVE.md) holding <paramref name="document"/>.</summary>
    private string BatchLine(int seq, byte[] document) => new JsonObject
    {
        ["seq"] = seq, ["id"] = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa", ["audience"] = "operator", ["hash"] = _hash, ["signer_kid"] = "kernel-1",
        ["signed_at"] = "2025-11-17T12:00:00Z", ["document"] = Encoding.UTF8.GetString(document),
    }.ToJsonString();

    [Fact]
    public async Task OverHttp_FetchesAndVerifies()
    {
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(_document);
            context.Response.Close();
        });

        var result = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", $"http://127.0.0.1:{port}/reason/snapshot/x", "--signers", _registry]);

        await serve;
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task OverHttp_WithTheCallersHeader_TheServiceAnswerIsUnwrappedAndVerified()
    {
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            for (int i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                bool allowed = context.Request.Headers["Authorization"] == "Bearer kernel-token";
                context.Response.StatusCode = allowed ? 200 : 401;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(allowed ? [.. "{\"ok\":true,\"snapshot\":"u8, .. _document, .. "}"u8] : "{\"ok\":false}"u8.ToArray());
                context.Response.Close();
            }
        });
        string url = $"http://127.0.0.1:{port}/reason/snapshot/x";

        var refused = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", url, "--signers", _registry]);
        var verified = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", url, "--signers", _registry, "-H", "Authorization: Bearer kernel-token"]);

        await serve;
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("HTTP 401", refused.StandardError, StringComparison.Ordinal);
        Assert.True(verified.ExitCode == 0, verified.StandardError);
    }

    [Fact]
    public async Task UnreadableInputs_ExitTwo()
    {
        string brokenRegistry = WriteDocument("broken.json", """{"signers":[{"signerId":"k1","publicKey":"AAAA"}]}"""u8.ToArray());

        var missingSnapshot = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", Path.Combine(_directory.FullName, "absent.json"), "--signers", _registry]);
        var missingRegistry = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot, "--signers", Path.Combine(_directory.FullName, "absent.json")]);
        var malformedRegistry = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot, "--signers", brokenRegistry]);
        var noSigners = await CliProcess.RunAsync(["verify-snapshot", "--snapshot", _snapshot]);

        Assert.Equal(2, missingSnapshot.ExitCode);
        Assert.Equal(2, missingRegistry.ExitCode);
        Assert.Equal(2, malformedRegistry.ExitCode);
        Assert.Contains("entry signers[0] (\"k1\")", malformedRegistry.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, noSigners.ExitCode);
        Assert.Contains("--signers", noSigners.StandardError, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
