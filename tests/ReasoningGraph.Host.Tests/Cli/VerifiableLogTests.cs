using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasoningGraph.Host.Tests.Http;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Host.Tests.Support;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// The audit log as a verifiable log, checked by an independent verifier: two signed checkpoints of an embedded
/// store's chain (taken before and after more writes), an inclusion proof for every event and the consistency proof
/// between them, all from <c>reasoning-graph log</c>, are verified by Go's own <c>sumdb/note</c> and <c>sumdb/tlog</c>
/// (tools/go-tlog, built from Debian's golang-golang-x-mod-dev); and <c>audit-verify --checkpoint</c> passes for the
/// chain that extends a kept checkpoint and fails for a shorter chain and for another chain of the same length.
/// </summary>
public sealed class VerifiableLogTests : IDisposable
{
    private const string KeyName = "rg-audit";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-vlog-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);

    public void Dispose()
    {
        _key.Dispose();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task CheckpointsAndProofs_VerifyWithGosTlog_AndAuditVerifyChecksAKeptCheckpoint()
    {
        string keyFile = Path.Combine(_directory.FullName, "audit.key");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        string registry = Path.Combine(_directory.FullName, "signers.json");
        await File.WriteAllBytesAsync(registry, new SignerRegistry([RegisteredSigner.ForEd25519(KeyName, _key.PublicKey)]).ToJson());
        string data = Path.Combine(_directory.FullName, "data");

        await WriteChainAsync(data, keyFile, nodes: 4);
        var (first, verifierKey) = await CheckpointAsync(data, keyFile);
        await WriteChainAsync(data, keyFile, nodes: 3);
        var (second, _) = await CheckpointAsync(data, keyFile);
        long firstSize = SizeOf(first), secondSize = SizeOf(second);
        Assert.True(firstSize >= 7 && secondSize > firstSize, $"{firstSize} then {secondSize} events");

        var inclusion = new JsonArray();
        for (long i = 0; i < secondSize; i++)
        {
            inclusion.Add(await ProofAsync(1, "inclusion", "--data-dir", data, "--index", $"{i}", "--tree-size", $"{secondSize}"));
        }

        inclusion.Add(await ProofAsync(0, "inclusion", "--data-dir", data, "--index", "0", "--tree-size", $"{firstSize}"));
        var consistency = await ProofAsync(null, "consistency", "--data-dir", data, "--from", $"{firstSize}", "--to", $"{secondSize}");
        var document = GoTlog.TwoCheckpoints(verifierKey, first, second, inclusion, consistency);
        Assert.Equal($"ok 2 {secondSize + 1} 1", await GoTlog.RunAsync(document.ToJsonString()));

        // A tampered proof fails in Go too: the verifier is not a rubber stamp.
        var forged = JsonNode.Parse(document.ToJsonString())!;
        forged["inclusion"]![0]!["eventHash"] = new string('0', 64);
        Assert.StartsWith("failed:", await GoTlog.RunAsync(forged.ToJsonString()), StringComparison.Ordinal);

        string kept = Path.Combine(_directory.FullName, "first.note");
        await File.WriteAllTextAsync(kept, first);
        var extends = await CliProcess.RunAsync(["audit-verify", "--data-dir", data, "--signers", registry, "--checkpoint", kept, "--verifier-key", verifierKey]);
        Assert.True(extends.ExitCode == 0, extends.StandardError);

        // A shorter chain (its tail cut) and a different chain of the same length both fail against the kept checkpoint.
        string shorter = Path.Combine(_directory.FullName, "shorter");
        await WriteChainAsync(shorter, keyFile, nodes: 2);
        var cut = await CliProcess.RunAsync(["audit-verify", "--data-dir", shorter, "--signers", registry, "--checkpoint", kept, "--verifier-key", verifierKey]);
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("checkpoint-truncated", cut.StandardError, StringComparison.Ordinal);
        string other = Path.Combine(_directory.FullName, "other");
        await WriteChainAsync(other, keyFile, nodes: 7);
        var rewritten = await CliProcess.RunAsync(["audit-verify", "--data-dir", other, "--signers", registry, "--checkpoint", kept, "--verifier-key", verifierKey]);
        Assert.Equal(1, rewritten.ExitCode);
        Assert.Contains("checkpoint-mismatch", rewritten.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, (await CliProcess.RunAsync(["audit-verify", "--data-dir", data, "--signers", registry, "--checkpoint", kept, "--verifier-key", "nobody+00000000+AA=="])).ExitCode);
    }

    /// <summary>Writes a chain of <paramref name="nodes"/> nodes, each after the previous one with a causal edge, through the service.</summary>
    private static async Task WriteChainAsync(string data, string keyFile, int nodes)
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = data,
            ["SIGNING_KEY_PATH"] = keyFile,
            ["SIGNER_ID"] = KeyName,
        });
        using var client = host.Client(devPrincipal: "kernel");
        string? previous = null;
        for (int i = 0; i < nodes; i++)
        {
            string id = Guid.CreateVersion7().ToString();
            Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", id))).Status);
            if (previous is not null)
            {
                Assert.Equal(HttpStatusCode.Created, (await HostApi.PostAsync(client, "/reason/edge", new { from = previous, to = id, type = "causal" })).Status);
            }

            previous = id;
        }
    }

    private static async Task<(string Note, string VerifierKey)> CheckpointAsync(string data, string keyFile)
    {
        var result = await CliProcess.RunAsync(["log", "checkpoint", "--data-dir", data, "--signing-key", keyFile, "--key-name", KeyName]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        string verifierKey = result.StandardError.Split('\n').Single(l => l.StartsWith("verifier key: ", StringComparison.Ordinal))["verifier key: ".Length..].Trim();
        return (Encoding.UTF8.GetString(result.StandardOutput), verifierKey);
    }

    private static long SizeOf(string note) => long.Parse(note.Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonObject> ProofAsync(int? checkpoint, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(["log", .. arguments]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var proof = JsonNode.Parse(result.StandardOutput)!.AsObject();
        if (checkpoint is { } index)
        {
            proof["checkpoint"] = index;
        }

        return proof;
    }
}
