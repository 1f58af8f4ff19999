using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Signing.Keys;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// <c>reasoning-graph witness</c> against real hosts on loopback: an honestly growing log is cosigned at each run
/// (C2SP tlog-cosignature v1, which Go's <c>sumdb/note</c> opens with a cosignature verifier written from the spec);
/// a log that shows the witness another history — a fork with more events, or fewer events than it witnessed — is
/// refused with exit 1 naming the divergence, and the witness's state is left as it was.
/// </summary>
public sealed class WitnessTests : IAsyncLifetime
{
    private const string WitnessName = "witness.example.com/w1";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-witness-");
    private readonly Ed25519PrivateKey _logKey = Ed25519PrivateKey.Generate(allowExport: true);
    private readonly Ed25519PrivateKey _witnessKey = Ed25519PrivateKey.Generate(allowExport: true);
    private string _logKeyFile = null!, _witnessKeyFile = null!, _state = null!;

    public async Task InitializeAsync()
    {
        _logKeyFile = Path.Combine(_directory.FullName, "log.key");
        _witnessKeyFile = Path.Combine(_directory.FullName, "witness.key");
        _state = Path.Combine(_directory.FullName, "state");
        await File.WriteAllTextAsync(_logKeyFile, _logKey.ExportPkcs8Pem());
        await File.WriteAllTextAsync(_witnessKeyFile, _witnessKey.ExportPkcs8Pem());
    }

    public Task DisposeAsync()
    {
        _logKey.Dispose();
        _witnessKey.Dispose();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task HonestGrowth_IsCosigned_AForkOrARollback_IsRefused()
    {
        await using var log = await StartAsync("log");
        using (var client = log.Client(devPrincipal: "kernel"))
        {
            await WriteNodesAsync(client, 3);
        }

        var first = await WitnessAsync(log);
        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Equal(3, Verdict(first).GetProperty("treeSize").GetInt64());
        using (var client = log.Client(devPrincipal: "kernel"))
        {
            await WriteNodesAsync(client, 2);
        }

        var second = await WitnessAsync(log);
        Assert.True(second.ExitCode == 0, second.StandardError);
        Assert.Equal((5L, 3L), (Verdict(second).GetProperty("treeSize").GetInt64(), Verdict(second).GetProperty("previousTreeSize").GetInt64()));
        string cosigned = await File.ReadAllTextAsync(Path.Combine(_state, "cosigned"));
        string witnessed = await File.ReadAllTextAsync(Path.Combine(_state, "checkpoint"));
        Assert.StartsWith(witnessed, cosigned, StringComparison.Ordinal);
        Assert.Contains($"\n\u2014 {WitnessName} ", cosigned, StringComparison.Ordinal);

        // Go opens the cosigned note with the log's key and a cosignature verifier; a flipped bit in the cosignature fails.
        string verifierKey = new ReasoningGraph.Signing.Notes.NoteKey("rg-audit", _logKey.PublicKey).VerifierKey;
        Assert.Equal("ok 0 0 0", await GoTlog.RunAsync(Cosigned(verifierKey, cosigned)));
        string[] lines = cosigned.Split('\n');
        int last = Array.FindLastIndex(lines, l => l.Length > 0);
        byte[] signature = Convert.FromBase64String(lines[last].Split(' ')[^1]);
        signature[^1] ^= 0x01;
        lines[last] = $"\u2014 {WitnessName} {Convert.ToBase64String(signature)}";
        Assert.StartsWith("failed:", await GoTlog.RunAsync(Cosigned(verifierKey, string.Join('\n', lines))), StringComparison.Ordinal);

        // Another history under the same key and origin: more events, then fewer than witnessed.
        await using (var fork = await StartAsync("fork"))
        {
            using var client = fork.Client(devPrincipal: "kernel");
            await WriteNodesAsync(client, 7);
            var refused = await WitnessAsync(fork);
            Assert.True(refused.ExitCode == 1, refused.StandardError);
            Assert.Contains("witness refused: consistency-mismatch", refused.StandardError, StringComparison.Ordinal);
            Assert.Equal("consistency-mismatch", Verdict(refused).GetProperty("reason").GetString());
        }

        await using (var truncated = await StartAsync("truncated"))
        {
            using var client = truncated.Client(devPrincipal: "kernel");
            await WriteNodesAsync(client, 2);
            var refused = await WitnessAsync(truncated);
            Assert.True(refused.ExitCode == 1, refused.StandardError);
            Assert.Contains("witness refused: checkpoint-rollback", refused.StandardError, StringComparison.Ordinal);
        }

        Assert.Equal(witnessed, await File.ReadAllTextAsync(Path.Combine(_state, "checkpoint")));
        Assert.Equal(cosigned, await File.ReadAllTextAsync(Path.Combine(_state, "cosigned")));

        // The honest log, grown again, is still cosigned from the state the refusals left.
        var third = await WitnessAsync(log);
        Assert.True(third.ExitCode == 0, third.StandardError);
    }

    [Fact]
    public async Task ARunWhileAnotherHoldsTheState_IsRefused_AndCosignsNothing()
    {
        await using var log = await StartAsync("log");
        using (var client = log.Client(devPrincipal: "kernel"))
        {
            await WriteNodesAsync(client, 2);
        }

        Directory.CreateDirectory(_state);
        CliResult refused;
        using (new FileStream(Path.Combine(_state, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            refused = await WitnessAsync(log);
        }

        Assert.True(refused.ExitCode == 2, refused.StandardError);
        Assert.Contains("another witness run holds", refused.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_state, "cosigned")));
        Assert.False(File.Exists(Path.Combine(_state, "checkpoint")));

        var next = await WitnessAsync(log); // the lock is free again
        Assert.True(next.ExitCode == 0, next.StandardError);
        Assert.Empty(Directory.GetFiles(_state, "*.tmp"));
    }

    private string Cosigned(string verifierKey, string note) => new JsonObject
    {
        ["verifierKey"] = verifierKey,
        ["checkpoints"] = new JsonArray(),
        ["cosignatures"] = new JsonArray(new JsonObject
        {
            ["note"] = note, ["name"] = WitnessName, ["publicKey"] = Convert.ToBase64String(_witnessKey.PublicKey.RawBytes.Span),
        }),
    }.ToJsonString();

    private Task<RunningHost> StartAsync(string dataDirectory) => RunningHost.StartAsync(new Dictionary<string, string>
    {
        ["environment"] = "Development",
        ["ALLOW_DEV_PRINCIPAL"] = "true",
        ["DATA_DIR"] = Path.Combine(_directory.FullName, dataDirectory),
        ["SIGNING_KEY_PATH"] = _logKeyFile,
        ["SIGNER_ID"] = "rg-audit",
    });

    private Task<CliResult> WitnessAsync(RunningHost host) => CliProcess.RunAsync(
    [
        "witness", "--log", host.Address.ToString(), "--state", _state, "--witness-key", _witnessKeyFile, "--name", WitnessName,
        "--header", "X-Local-Dev-Principal: auditor",
    ]);

    private static JsonElement Verdict(CliResult result) => JsonDocument.Parse(result.StandardOutput).RootElement.Clone();

    private static async Task WriteNodesAsync(HttpClient client, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var (status, body) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision"));
            Assert.True(status == HttpStatusCode.Created, body.ToString());
        }
    }
}
