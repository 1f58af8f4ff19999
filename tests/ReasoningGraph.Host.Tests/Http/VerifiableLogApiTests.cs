using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Audit;
using ReasoningGraph.Host.Tests.Cli;
using ReasoningGraph.Host.Tests.Support;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Notes;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Storage;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The verifiable log over real HTTP (<c>/reason/log/*</c> and the items' <c>/inclusion</c> routes), on the embedded
/// store and on PostgreSQL: two checkpoints signed by the audit signer around more writes, an inclusion proof of every
/// event (by index and by item) and the consistency proof between them, all verified by Go's own <c>sumdb/note</c> and
/// <c>sumdb/tlog</c> (tools/go-tlog); bad parameters and callers without <c>read:trace</c> refused with stable codes; a
/// signing proxy (digests only) refused for checkpoints but not for proofs; and <c>verify-inclusion</c> accepting the
/// service's proof and refusing it with any bit flipped.
/// </summary>
public sealed class VerifiableLogApiTests : IAsyncLifetime
{
    private const string KeyName = "rg-audit";
    private const string JwtKid = "kernel-jwt";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-vlog-api-");
    private readonly Ed25519PrivateKey _key = Ed25519PrivateKey.Generate(allowExport: true);
    private readonly Ed25519PrivateKey _jwtKey = Ed25519PrivateKey.Generate();
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        string keyFile = Path.Combine(_directory.FullName, "audit.key");
        await File.WriteAllTextAsync(keyFile, _key.ExportPkcs8Pem());
        string kernelKeys = Path.Combine(_directory.FullName, "kernel-signers.json");
        await File.WriteAllBytesAsync(kernelKeys, new SignerRegistry([RegisteredSigner.ForEd25519(JwtKid, _jwtKey.PublicKey)]).ToJson());
        _settings = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ALLOW_DEV_PRINCIPAL"] = "true",
            ["DATA_DIR"] = Path.Combine(_directory.FullName, "data"),
            ["SIGNING_KEY_PATH"] = keyFile,
            ["SIGNER_ID"] = KeyName,
            ["KERNEL_SIGNER_KEYS_FILE"] = kernelKeys,
        };
    }

    public Task DisposeAsync()
    {
        _key.Dispose();
        _jwtKey.Dispose();
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Embedded_CheckpointsAndEveryEventsProofs_VerifyWithGosTlog()
    {
        await using var host = await RunningHost.StartAsync(_settings);
        await ProveEveryEventWithGoAsync(host);
    }

    [Fact]
    public async Task OnPostgres_CheckpointsAndEveryEventsProofs_VerifyWithGosTlog()
    {
        if (TestDatabase.ConnectionStringOrSkip() is not { } connection)
        {
            return;
        }

        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>(_settings)
        {
            ["DATABASE_URL"] = connection,
            ["GRAPH_ID"] = TestDatabase.NewGraphId(),
        });
        await ProveEveryEventWithGoAsync(host);
    }

    [Fact]
    public async Task BadParameters_AreRefusedWithStableCodes()
    {
        await using var host = await RunningHost.StartAsync(_settings);
        using var client = host.Client(devPrincipal: "auditor");
        var items = await WriteGraphAsync(client, nodes: 2);
        long size = SizeOf(await CheckpointAsync(client));
        string node = items.First(i => i.Kind == "node").Id;

        string last = items.Last(i => i.Kind == "node").Id;
        (string Path, string Field)[] invalid =
        [
            ("/reason/log/inclusion", "index"),
            ("/reason/log/inclusion?index=0", "treeSize"),
            ("/reason/log/inclusion?index=one&treeSize=2", "index"),
            ($"/reason/log/inclusion?index=-1&treeSize={size}", "index"),
            ($"/reason/log/inclusion?index={size}&treeSize={size}", "index"),
            ($"/reason/log/inclusion?index=0&treeSize={size + 1}", "treeSize"),
            ("/reason/log/inclusion?index=0&treeSize=-3", "treeSize"),
            ("/reason/log/consistency?to=2", "from"),
            ("/reason/log/consistency?from=1", "to"),
            ($"/reason/log/consistency?from={size}&to={size - 1}", "from"),
            ($"/reason/log/consistency?from=0&to={size}", "from"),
            ($"/reason/log/consistency?from=1&to={size + 1}", "to"),
            ($"/reason/node/{node}/inclusion", "treeSize"),
            ($"/reason/node/{node}/inclusion?treeSize={size + 1}", "treeSize"),
            ($"/reason/node/{last}/inclusion?treeSize=1", "treeSize"), // the last node's event is not in the tree of the first event alone
            ($"/reason/node/{{{node}}}/inclusion?treeSize={size}", "id"),
        ];
        foreach (var (path, field) in invalid)
        {
            await AssertRefusedAsync(client, path, HttpStatusCode.BadRequest, "INVALID_PAYLOAD", field);
        }

        await AssertRefusedAsync(client, $"/reason/node/{Guid.NewGuid()}/inclusion?treeSize={size}", HttpStatusCode.NotFound, "NOT_FOUND", "id");
        await AssertRefusedAsync(client, $"/reason/edge/{node}/inclusion?treeSize={size}", HttpStatusCode.NotFound, "NOT_FOUND", "id"); // a node is not an edge

        // The edge cases that are not errors: a tree of one event, and a consistency proof between equal sizes (empty).
        var (one, single) = await HostApi.GetAsync(client, "/reason/log/inclusion?index=0&treeSize=1");
        Assert.Equal(HttpStatusCode.OK, one);
        Assert.Empty(single.GetProperty("hashes").EnumerateArray());
        var (same, equal) = await HostApi.GetAsync(client, $"/reason/log/consistency?from={size}&to={size}");
        Assert.Equal(HttpStatusCode.OK, same);
        Assert.Empty(equal.GetProperty("hashes").EnumerateArray());
    }

    [Fact]
    public async Task CallersWithoutReadTrace_AreRefused()
    {
        await using var host = await RunningHost.StartAsync(_settings);
        using (var writer = host.Client(devPrincipal: "kernel"))
        {
            await WriteGraphAsync(writer, nodes: 1);
        }

        string[] paths =
        [
            "/reason/log/checkpoint", "/reason/log/verifier-key", "/reason/log/inclusion?index=0&treeSize=1",
            "/reason/log/consistency?from=1&to=1", $"/reason/node/{Guid.NewGuid()}/inclusion?treeSize=1",
        ];
        using var writeOnly = host.Client(bearer: KernelJwt.Create(_jwtKey, JwtKid, scope: "reasoning:write"));
        using var nobody = host.Client();
        foreach (string path in paths)
        {
            var (forbidden, refusal) = await HostApi.GetAsync(writeOnly, path);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden);
            Assert.Equal("FORBIDDEN", HostApi.ErrorCode(refusal));
            Assert.Equal("read:trace", refusal.GetProperty("error").GetProperty("details").GetProperty("capability").GetString());
            var (unauthorized, anonymous) = await HostApi.GetAsync(nobody, path);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
            Assert.Equal("NOT_AUTHORIZED", HostApi.ErrorCode(anonymous));
        }
    }

    [Fact]
    public async Task WithASigningProxy_CheckpointsAreRefused_ProofsAreServed()
    {
        await using var proxy = await SwitchableSigningProxy.StartAsync();
        string registry = await proxy.WriteRegistryAsync(_directory.FullName);
        await using var host = await RunningHost.StartAsync(SnapshotHostSettings.For(_directory, proxy, registry));
        using var client = host.Client(devPrincipal: "auditor");
        await WriteGraphAsync(client, nodes: 2, snapshot: false);

        foreach (string path in new[] { "/reason/log/checkpoint", "/reason/log/verifier-key" })
        {
            var (status, body) = await HostApi.GetAsync(client, path);
            Assert.Equal(HttpStatusCode.BadGateway, status);
            Assert.Equal("SIGNING_FAILURE", HostApi.ErrorCode(body));
            Assert.Equal("digest-only-signer", body.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
        }

        var (proved, proof) = await HostApi.GetAsync(client, "/reason/log/inclusion?index=0&treeSize=3");
        Assert.Equal(HttpStatusCode.OK, proved);
        Assert.Equal(3, proof.GetProperty("treeSize").GetInt64());
    }

    [Fact]
    public async Task LogOrigin_NamesTheLogInItsCheckpoints_AndABadOneIsRefused()
    {
        const string origin = "kernel.example.com/reasoning-graph/prod";
        await using (var host = await RunningHost.StartAsync(new Dictionary<string, string>(_settings) { ["LOG_ORIGIN"] = origin }))
        {
            using var client = host.Client(devPrincipal: "auditor");
            await WriteGraphAsync(client, nodes: 1, snapshot: false);

            Assert.Equal(origin, (await CheckpointAsync(client)).Split('\n')[0]);
            var (_, key) = await HostApi.GetAsync(client, "/reason/log/verifier-key");
            Assert.Equal(origin, key.GetProperty("origin").GetString());
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(new Dictionary<string, string>(_settings) { ["LOG_ORIGIN"] = "two\nlines" }));
        Assert.Contains("LOG_ORIGIN", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithASignerIdNoNoteKeyCanHave_CheckpointsAreRefused()
    {
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string>(_settings) { ["SIGNER_ID"] = "rg+audit" });
        using var client = host.Client(devPrincipal: "auditor");
        await WriteGraphAsync(client, nodes: 1, snapshot: false);

        var (status, body) = await HostApi.GetAsync(client, "/reason/log/checkpoint");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("SIGNING_FAILURE", HostApi.ErrorCode(body));
        Assert.Equal("invalid-key-name", body.GetProperty("error").GetProperty("details").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task VerifyInclusion_AcceptsTheServicesProof_AndRefusesAnyFlippedBit()
    {
        await using var host = await RunningHost.StartAsync(_settings);
        using var client = host.Client(devPrincipal: "auditor");
        var items = await WriteGraphAsync(client, nodes: 3);
        string note = await CheckpointAsync(client);
        long size = SizeOf(note);
        string verifierKey = await VerifierKeyAsync(client);
        string checkpoint = Path.Combine(_directory.FullName, "checkpoint.note");
        await File.WriteAllTextAsync(checkpoint, note);
        string edge = items.First(i => i.Kind == "edge").Id;
        var (_, answer) = await HostApi.GetAsync(client, $"/reason/edge/{edge}/inclusion?treeSize={size}");
        var proof = JsonNode.Parse(answer.GetRawText())!.AsObject();
        Assert.NotEmpty(proof["hashes"]!.AsArray());

        var good = await VerifyInclusionAsync(checkpoint, proof, verifierKey);
        Assert.True(good.ExitCode == 0, good.StandardError);
        using (var verdict = JsonDocument.Parse(good.StandardOutput))
        {
            Assert.True(verdict.RootElement.GetProperty("verified").GetBoolean());
            Assert.Equal(proof["eventHash"]!.GetValue<string>(), verdict.RootElement.GetProperty("eventHash").GetString());
        }

        // One bit of any proof hash, or of the event's hash: the proof no longer leads to the checkpoint's root.
        var hashes = proof["hashes"]!.AsArray();
        for (int i = 0; i < hashes.Count; i++)
        {
            var flipped = proof.DeepClone().AsObject();
            byte[] bytes = Convert.FromBase64String(hashes[i]!.GetValue<string>());
            bytes[i % bytes.Length] ^= 0x01;
            flipped["hashes"]![i] = Convert.ToBase64String(bytes);
            AssertNegative(await VerifyInclusionAsync(checkpoint, flipped, verifierKey), "inclusion-mismatch");
        }

        var otherEvent = proof.DeepClone().AsObject();
        byte[] eventHash = Convert.FromHexString(proof["eventHash"]!.GetValue<string>());
        eventHash[31] ^= 0x80;
        otherEvent["eventHash"] = Convert.ToHexStringLower(eventHash);
        AssertNegative(await VerifyInclusionAsync(checkpoint, otherEvent, verifierKey), "inclusion-mismatch");

        var otherSize = proof.DeepClone().AsObject();
        otherSize["treeSize"] = size - 1;
        AssertNegative(await VerifyInclusionAsync(checkpoint, otherSize, verifierKey), "tree-size-mismatch");

        // Another key under the same name did not sign the checkpoint; a flipped bit in its root breaks the signature.
        using var stranger = Ed25519PrivateKey.Generate();
        AssertNegative(await VerifyInclusionAsync(checkpoint, proof, new NoteKey(KeyName, stranger.PublicKey).VerifierKey), "checkpoint-signature");
        string[] lines = note.Split('\n');
        byte[] root = Convert.FromBase64String(lines[2]);
        root[0] ^= 0x01;
        lines[2] = Convert.ToBase64String(root);
        string forged = Path.Combine(_directory.FullName, "forged.note");
        await File.WriteAllTextAsync(forged, string.Join('\n', lines));
        AssertNegative(await VerifyInclusionAsync(forged, proof, verifierKey), "checkpoint-signature");

        // Bad input is a usage error, not a verdict.
        Assert.Equal(2, (await VerifyInclusionAsync(checkpoint, new JsonObject { ["leafIndex"] = 0 }, verifierKey)).ExitCode);
        Assert.Equal(2, (await VerifyInclusionAsync(checkpoint, proof, "not-a-key")).ExitCode);
    }

    /// <summary>Writes a graph, takes two checkpoints around more writes, and has Go verify every proof the service gives between them.</summary>
    private static async Task ProveEveryEventWithGoAsync(RunningHost host)
    {
        using var client = host.Client(devPrincipal: "auditor");
        var items = await WriteGraphAsync(client, nodes: 3);
        string first = await CheckpointAsync(client);
        items.AddRange(await WriteGraphAsync(client, nodes: 2));
        string second = await CheckpointAsync(client);
        string verifierKey = await VerifierKeyAsync(client);
        long firstSize = SizeOf(first), secondSize = SizeOf(second);
        Assert.True(firstSize >= 7 && secondSize > firstSize, $"{firstSize} then {secondSize} events");
        Assert.Contains($"\n\u2014 {KeyName} ", second, StringComparison.Ordinal);

        var inclusion = new JsonArray();
        for (long i = 0; i < secondSize; i++)
        {
            inclusion.Add(await ProofAsync(client, $"/reason/log/inclusion?index={i}&treeSize={secondSize}", checkpoint: 1));
        }

        // Each item's route proves the event that records it.
        var events = await AuditEventsAsync(host);
        foreach (var (kind, id) in items)
        {
            var proof = await ProofAsync(client, $"/reason/{kind}/{id}/inclusion?treeSize={secondSize}", checkpoint: 1);
            var recorded = events[(int)proof["leafIndex"]!.GetValue<long>()];
            Assert.Equal($"reason.{kind}.created", recorded.EventType);
            Assert.Equal(recorded.Hash, proof["eventHash"]!.GetValue<string>());
            using var payload = JsonDocument.Parse(recorded.Payload);
            Assert.Equal(id, payload.RootElement.GetProperty("entityId").GetString());
            inclusion.Add(proof);
        }

        inclusion.Add(await ProofAsync(client, $"/reason/log/inclusion?index={firstSize - 1}&treeSize={firstSize}", checkpoint: 0));
        var consistency = await ProofAsync(client, $"/reason/log/consistency?from={firstSize}&to={secondSize}", checkpoint: null);
        Assert.Equal(firstSize, consistency["from"]!.GetValue<long>());
        var document = GoTlog.TwoCheckpoints(verifierKey, first, second, inclusion, consistency);
        Assert.Equal($"ok 2 {inclusion.Count} 1", await GoTlog.RunAsync(document.ToJsonString()));

        // Go refuses the same proofs against the checkpoints swapped: the verifier is not a rubber stamp.
        document["checkpoints"] = new JsonArray(second, first);
        Assert.StartsWith("failed:", await GoTlog.RunAsync(document.ToJsonString()), StringComparison.Ordinal);
    }

    /// <summary>A chain of <paramref name="nodes"/> nodes linked by causal edges, an annotation on the last and a snapshot rooted at it.</summary>
    private static async Task<List<(string Kind, string Id)>> WriteGraphAsync(HttpClient client, int nodes, bool snapshot = true)
    {
        var items = new List<(string Kind, string Id)>();
        string? previous = null;
        for (int i = 0; i < nodes; i++)
        {
            string id = Guid.CreateVersion7().ToString();
            var (written, answer) = await HostApi.PostAsync(client, "/reason/node", HostApi.Node("decision", id));
            Assert.True(written == HttpStatusCode.Created, $"{(int)written} {answer}");
            items.Add(("node", id));
            if (previous is not null)
            {
                var (status, edge) = await HostApi.PostAsync(client, "/reason/edge", new { from = previous, to = id, type = "causal" });
                Assert.Equal(HttpStatusCode.Created, status);
                items.Add(("edge", edge.GetProperty("edgeId").GetString()!));
            }

            previous = id;
        }

        var (annotated, annotation) = await HostApi.PostAsync(client, $"/reason/node/{previous}/annotations", new { annotationType = "note", author = "auditor", payload = new { text = "checked" } });
        Assert.Equal(HttpStatusCode.Created, annotated);
        items.Add(("annotation", annotation.GetProperty("annotationId").GetString()!));
        if (snapshot)
        {
            var (taken, created) = await HostApi.PostAsync(client, "/reason/snapshot", new { rootNodeIds = new[] { previous } });
            Assert.Equal(HttpStatusCode.Created, taken);
            items.Add(("snapshot", created.GetProperty("snapshotId").GetString()!));
        }

        return items;
    }

    private static async Task<string> CheckpointAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/reason/log/checkpoint", UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private static async Task<string> VerifierKeyAsync(HttpClient client)
    {
        var (status, body) = await HostApi.GetAsync(client, "/reason/log/verifier-key");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(KeyName, body.GetProperty("keyName").GetString());
        return body.GetProperty("verifierKey").GetString()!;
    }

    private static async Task<JsonObject> ProofAsync(HttpClient client, string path, int? checkpoint)
    {
        var (status, body) = await HostApi.GetAsync(client, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {body}");
        var proof = JsonNode.Parse(body.GetRawText())!.AsObject();
        if (checkpoint is { } index)
        {
            proof["checkpoint"] = index;
        }

        return proof;
    }

    private static async Task<List<AuditEvent>> AuditEventsAsync(RunningHost host)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in ((IAuditLog)host.Services.GetRequiredService<IReasoningGraphStore>()).ReadAuditEventsAsync())
        {
            events.Add(e);
        }

        return events;
    }

    private static long SizeOf(string note) => long.Parse(note.Split('\n')[1], CultureInfo.InvariantCulture);

    private static async Task AssertRefusedAsync(HttpClient client, string path, HttpStatusCode expected, string code, string field)
    {
        var (status, body) = await HostApi.GetAsync(client, path);
        Assert.True(status == expected, $"{path}: {(int)status} {body}");
        Assert.Equal(code, HostApi.ErrorCode(body));
        Assert.Equal(field, body.GetProperty("error").GetProperty("details").GetProperty("field").GetString());
    }

    private async Task<CliResult> VerifyInclusionAsync(string checkpoint, JsonObject proof, string verifierKey)
    {
        string file = Path.Combine(_directory.FullName, $"proof-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, proof.ToJsonString());
        return await CliProcess.RunAsync(["verify-inclusion", "--checkpoint", checkpoint, "--proof", file, "--verifier-key", verifierKey]);
    }

    private static void AssertNegative(CliResult result, string reason)
    {
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Contains("verification failed: " + reason, result.StandardError, StringComparison.Ordinal);
        using var verdict = JsonDocument.Parse(result.StandardOutput);
        Assert.False(verdict.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(reason, verdict.RootElement.GetProperty("reason").GetString());
    }
}
