using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReasoningGraph.Host.Tests.Export;

namespace ReasoningGraph.Host.Tests.Cli;

/// <summary>
/// <c>reasoning-graph render</c> on a snapshot taken and signed by <c>snapshot</c> with a key from <c>keygen</c>: the
/// page, its verdict (verified, failed, not verified without a key), the exit codes, and the page's safety: the checks
/// the served page passes, and headless Chromium.
/// </summary>
public sealed partial class RenderCommandTests : IAsyncLifetime
{
    private const string Cause = "0193a5b2-7c1e-7d4f-8a9b-000000000001", Advice = "0193a5b2-7c1e-7d4f-8a9b-000000000002";
    private const string Root = "0193a5b2-7c1e-7d4f-8a9b-000000000003", Effect = "0193a5b2-7c1e-7d4f-8a9b-000000000004";
    private const string Hostile = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";
    private static readonly string[] Nodes = [Cause, Advice, Root, Effect];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("rg-render-");
    private string _keys = null!;
    private string _snapshot = null!;

    public async Task InitializeAsync()
    {
        _keys = Path("keys");
        Assert.Equal(0, (await CliProcess.RunAsync(["keygen", "--out", _keys, "--signer-id", "auditor-desk"])).ExitCode);
        string graph = Path("graph.jsonl");
        string Node(string id, string type, int second, string summary) =>
            $$$"""{"kind":"node","id":"{{{id}}}","type":"{{{type}}}","author":"kernel","createdAt":"2025-11-17T12:00:0{{{second}}}Z","payload":{"summary":{{{JsonSerializer.Serialize(summary)}}}}}""";
        string Edge(string id, string from, string to, string weight) =>
            $$"""{"kind":"edge","id":"0193a5b2-7c1e-7d4f-8a9b-0000000000{{id}}","from":"{{from}}","to":"{{to}}","type":"causal"{{weight}},"createdAt":"2025-11-17T12:00:0{{id[1]}}Z"}""";
        await File.WriteAllLinesAsync(graph,
        [
            Node(Cause, "observation", 0, "latency regression " + Hostile), Node(Advice, "recommendation", 1, "roll back model-7"),
            Node(Root, "decision", 2, "rollback approved"), Node(Effect, "observation", 3, "latency back to normal"),
            Edge("15", Cause, Advice, ",\"weight\":0.9"), Edge("16", Advice, Root, ""), Edge("17", Root, Effect, ""),
            $$"""{"kind":"annotation","id":"0193a5b2-7c1e-7d4f-8a9b-000000000021","targetId":"{{Advice}}","targetType":"node","annotationType":"correction","author":"reviewer","payload":{"text":"overstated"},"createdAt":"2025-11-17T12:00:08Z"}""",
        ]);
        _snapshot = Path("snapshot.json");
        var taken = await CliProcess.RunAsync(["snapshot", "--graph", graph, "--root", Root, "--key", System.IO.Path.Combine(_keys, "signing-key.pem"), "--signer-id", "auditor-desk", "--out", _snapshot]);
        Assert.True(taken.ExitCode == 0, taken.StandardError);
    }

    public Task DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private string Path(string name) => System.IO.Path.Combine(_directory.FullName, name);

    private string Signers => System.IO.Path.Combine(_keys, "signers.json");

    private static Task<CliResult> RenderAsync(params string[] arguments) => CliProcess.RunAsync(["render", .. arguments]);

    private string Tampered(string name, Action<JsonObject> edit)
    {
        var document = JsonNode.Parse(File.ReadAllBytes(_snapshot))!.AsObject();
        edit(document);
        File.WriteAllText(Path(name), document.ToJsonString());
        return Path(name);
    }

    [Fact]
    public async Task Render_OfASignedSnapshot_ShowsEveryNodeAndItsEdges_AndSaysVerified()
    {
        string page = Path("page.html");

        var result = await RenderAsync("--snapshot", _snapshot, "--signers", Signers, "--out", page);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Empty(result.StandardError);
        var summary = JsonDocument.Parse(result.StandardOutput).RootElement;
        Assert.Equal("verified", summary.GetProperty("verdict").GetString());
        Assert.Equal(4, summary.GetProperty("nodes").GetInt32());
        string html = await File.ReadAllTextAsync(page);
        Assert.Contains("data-verdict=\"verified\"", html, StringComparison.Ordinal);
        Assert.Contains("signer <span class=\"mono\">auditor-desk</span> checks out with the signer registry signers.json", html, StringComparison.Ordinal);
        Assert.All(Nodes, id => Assert.Contains($"data-node-id=\"{id}\"", html, StringComparison.Ordinal));
        Assert.Contains(">causal 0.9</text>", html, StringComparison.Ordinal); // the edge's type and weight drawn
        Assert.All(Nodes, id => Assert.Contains(Guid.Parse(id).ToString("N")[^8..] + " · kernel", html, StringComparison.Ordinal));
        Assert.Contains("In causal order: every cause before what it caused.", html, StringComparison.Ordinal);
        Assert.Contains("correction", html, StringComparison.Ordinal);

        // Causes above the root, its effect below it.
        Assert.True(Top(html, Cause) < Top(html, Advice) && Top(html, Advice) < Top(html, Root) && Top(html, Root) < Top(html, Effect));
        // The root's timeline holds its causes in causal order; its effect is listed apart.
        string timeline = Between(html, "id=\"timeline-0\"", "</ol>");
        Assert.True(timeline.IndexOf(Cause, StringComparison.Ordinal) < timeline.IndexOf(Advice, StringComparison.Ordinal));
        Assert.DoesNotContain($"data-id=\"{Effect}\"", timeline, StringComparison.Ordinal);
        Assert.Contains(Effect, Between(html, "id=\"others\"", "</table>"), StringComparison.Ordinal);
        AssertSelfContained(html);
    }

    [Fact]
    public async Task Render_OfTheServicesAnswer_WithThePublicKey_IsUnwrappedAndVerified()
    {
        string answer = Path("answer.json");
        byte[] document = await File.ReadAllBytesAsync(_snapshot);
        await File.WriteAllBytesAsync(answer, [.. "{\"ok\":true,\"snapshot\":"u8, .. document, .. "}"u8]);

        var result = await RenderAsync("--snapshot", answer, "--public-key", System.IO.Path.Combine(_keys, "signing-key.pub"), "--out", Path("answer.html"));

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("data-verdict=\"verified\"", await File.ReadAllTextAsync(Path("answer.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OfATamperedDocument_ExitsOne_AndThePageShowsTheFailure_NeverVerified()
    {
        string tampered = Tampered("tampered.json", d => d["payload"]!["nodes"]![1]!["payload"]!["summary"] = "roll forward");
        string page = Path("tampered.html");

        var result = await RenderAsync("--snapshot", tampered, "--signers", Signers, "--out", page);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("verification failed: hash-mismatch (snapshot_bytes_canonical_hash): ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("failed", JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("verdict").GetString());
        string html = await File.ReadAllTextAsync(page);
        Assert.Contains("data-verdict=\"failed\"", html, StringComparison.Ordinal);
        Assert.Contains("Verification failed: hash-mismatch", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-verdict=\"verified\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Verified.", html, StringComparison.Ordinal);
        Assert.Contains("roll forward", html, StringComparison.Ordinal); // what the document says, under the warning

        // A signature the key does not make is a failure too, not "not verified".
        var forged = await RenderAsync("--snapshot", Tampered("forged.json", d => d["signature"] = Convert.ToBase64String(new byte[64])), "--signers", Signers, "--out", page);
        Assert.Equal(1, forged.ExitCode);
        Assert.Contains("data-verdict=\"failed\"", await File.ReadAllTextAsync(page), StringComparison.Ordinal);
        Assert.Contains("bad-signature", await File.ReadAllTextAsync(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_WithoutAKey_SaysNotVerified_AndExitsOne_ButATamperedOneStillFails()
    {
        var result = await RenderAsync("--snapshot", _snapshot, "--out", Path("nokey.html"));
        var tampered = await RenderAsync("--snapshot", Tampered("t.json", d => d["payload"]!["nodes"]![0]!["author"] = "someone"), "--out", Path("nokey-tampered.html"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("not verified: no key given", result.StandardError, StringComparison.Ordinal);
        string html = await File.ReadAllTextAsync(Path("nokey.html"));
        Assert.Contains("data-verdict=\"not-verified\"", html, StringComparison.Ordinal);
        Assert.Contains("Not verified: no key was given.", html, StringComparison.Ordinal);
        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("data-verdict=\"failed\"", await File.ReadAllTextAsync(Path("nokey-tampered.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_OfADocumentWithTypesAndPayloadsThisGraphWouldRefuse_RendersWhatTheServiceAccepted()
    {
        // Signed with the library: a node type and an edge type outside the defaults, and a payload over the default limit.
        using var signer = ReasoningGraph.Signing.Keys.LocalEd25519Signer.FromFile(System.IO.Path.Combine(_keys, "signing-key.pem"), "auditor-desk");
        string big = new('x', 300 * 1024);
        var signed = await new ReasoningGraph.Snapshots.SnapshotDocumentSigner(signer).SignAsync(new ReasoningGraph.Snapshots.SnapshotContent
        {
            Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000bb", RootIds = [Root], CreatedAt = "2025-11-17T12:01:00Z", ReasoningGraphVersion = "0.1.0",
            Payload = Encoding.UTF8.GetBytes($$$"""
                {"nodes":[{"id":"{{{Cause}}}","type":"postmortem","author":"sre","createdAt":"2025-11-17T12:00:00Z","payload":{"log":"{{{big}}}"},"metadata":{}},
                {"id":"{{{Root}}}","type":"decision","author":"kernel","createdAt":"2025-11-17T12:00:01Z","payload":{},"metadata":{}}],
                "edges":[{"id":"0193a5b2-7c1e-7d4f-8a9b-000000000015","from":"{{{Cause}}}","to":"{{{Root}}}","type":"informed-by","createdAt":"2025-11-17T12:00:02Z","metadata":{}}],
                "annotations":[],"audience":"operator","pii_included":false,"pii_policy_version":"none"}
                """),
        });
        string document = Path("custom.json"), page = Path("custom.html");
        await File.WriteAllBytesAsync(document, signed.Document.ToArray());

        var result = await RenderAsync("--snapshot", document, "--signers", Signers, "--out", page);

        Assert.True(result.ExitCode == 0, result.StandardError);
        string html = await File.ReadAllTextAsync(page);
        Assert.Contains(">postmortem</text>", html, StringComparison.Ordinal);
        Assert.Contains(">informed-by</text>", html, StringComparison.Ordinal);
        Assert.Contains(big, html, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "not JSON", "{\"id\":", "error: not a snapshot document: " },
        { "no payload", "{\"id\":\"x\",\"root_ids\":[]}", "error: not a snapshot document: it is not a JSON object with a payload object." },
        { "a node without its type", "{\"payload\":{\"nodes\":[{\"id\":\"0193a5b2-7c1e-7d4f-8a9b-000000000001\"}],\"edges\":[],\"annotations\":[]}}", "error: not a snapshot document: payload.nodes[0] is not an item: " },
        { "an edge to no node", "{\"payload\":{\"nodes\":[],\"annotations\":[],\"edges\":[{\"id\":\"0193a5b2-7c1e-7d4f-8a9b-000000000011\",\"from\":\"0193a5b2-7c1e-7d4f-8a9b-000000000001\",\"to\":\"0193a5b2-7c1e-7d4f-8a9b-000000000002\",\"type\":\"causal\",\"metadata\":{},\"createdAt\":\"2025-11-17T12:00:00Z\"}]}}", "error: the document's items do not form a graph: " },
        { "an edge without metadata", "{\"payload\":{\"nodes\":[],\"annotations\":[],\"edges\":[{\"id\":\"0193a5b2-7c1e-7d4f-8a9b-000000000011\",\"from\":\"0193a5b2-7c1e-7d4f-8a9b-000000000001\",\"to\":\"0193a5b2-7c1e-7d4f-8a9b-000000000002\",\"type\":\"causal\",\"createdAt\":\"2025-11-17T12:00:00Z\"}]}}", "error: not a snapshot document: payload.edges[0] is not an item: " },
        { "a batch", "{\"seq\":1,\"id\":\"x\",\"audience\":\"operator\",\"hash\":\"h\",\"signer_kid\":\"k\",\"signed_at\":\"2025-11-17T12:00:00Z\",\"document\":\"{}\"}\n", "error: --snapshot is an export batch" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Render_OfMalformedInput_ExitsTwo_AndWritesNoPage(string what, string content, string error)
    {
        string input = Path(what.Replace(' ', '-') + ".json"), page = Path(what.Replace(' ', '-') + ".html");
        await File.WriteAllTextAsync(input, content);

        var result = await RenderAsync("--snapshot", input, "--signers", Signers, "--out", page);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(error, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal); // no stack trace
        Assert.Empty(result.StandardOutput);
        Assert.False(File.Exists(page));
        Assert.Empty(_directory.GetFiles("*.partial"));
    }

    [Fact]
    public async Task Render_WithBothKeys_OrAMissingFile_OrNowhereToWrite_IsBadUsage()
    {
        var nowhere = await RenderAsync("--snapshot", _snapshot, "--signers", Signers, "--out", Path(System.IO.Path.Combine("no-such-directory", "page.html")));
        Assert.Equal(2, nowhere.ExitCode);
        Assert.StartsWith("error: ", nowhere.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", nowhere.StandardError, StringComparison.Ordinal);

        var both = await RenderAsync("--snapshot", _snapshot, "--signers", Signers, "--public-key", System.IO.Path.Combine(_keys, "signing-key.pub"), "--out", Path("both.html"));
        var missing = await RenderAsync("--snapshot", Path("nope.json"), "--signers", Signers, "--out", Path("missing.html"));

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.False(File.Exists(Path("both.html")) || File.Exists(Path("missing.html")));
    }

    [Fact]
    public async Task Render_InHeadlessChromium_ShowsTheVerdictAndEveryNode_WithoutErrors()
    {
        if (HeadlessChromium.PathOrSkip() is not { } chromium)
        {
            return;
        }

        string page = Path("chromium.html"), screenshot = Path("chromium.png");
        Assert.Equal(0, (await RenderAsync("--snapshot", _snapshot, "--signers", Signers, "--out", page)).ExitCode);

        var (dom, domLog) = await HeadlessChromium.RunAsync(chromium, page, Path("profile-dom"), "--dump-dom");
        var (_, shotLog) = await HeadlessChromium.RunAsync(chromium, page, Path("profile-shot"), "--screenshot=" + screenshot, "--window-size=1280,1600");

        Assert.Contains("data-verdict=\"verified\"", dom, StringComparison.Ordinal);
        Assert.All(Nodes, id => Assert.Contains(id, dom, StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", dom, StringComparison.OrdinalIgnoreCase);
        await HeadlessChromium.AssertCleanAndDrawnAsync(screenshot, domLog, shotLog);
    }

    /// <summary>The checks the served page passes: no script, no external load, every graph text encoded, its policy kept.</summary>
    private static void AssertSelfContained(string html)
    {
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<[a-zA-Z][^<>]*\s(src|href|on[a-z]+)\s*=", html);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    private static int Top(string html, string node) =>
        int.Parse(NodeBox().Matches(html).Single(m => m.Groups["id"].Value == node).Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Between(string html, string start, string end)
    {
        int from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} is not on the page");
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<g class=\"node\" data-node-id=\"(?<id>[^\"]+)\"><rect x=\"\\d+\" y=\"(?<y>\\d+)\"")]
    private static partial Regex NodeBox();
}
