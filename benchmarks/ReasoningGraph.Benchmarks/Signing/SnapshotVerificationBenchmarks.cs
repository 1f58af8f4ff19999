using System.Text;
using BenchmarkDotNet.Attributes;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Signing.Keys;
using ReasoningGraph.Signing.Registry;
using ReasoningGraph.Snapshots;

namespace ReasoningGraph.Benchmarks.Signing;

/// <summary>
/// Verifying a whole snapshot document (canonicalize the document, rebuild and canonicalize the signed object,
/// hash, look up, verify) against the floor of canonicalizing and hashing the document once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OperationsConfig))]
public class SnapshotVerificationBenchmarks
{
    private byte[] _document = null!;
    private SnapshotVerifier _verifier = null!;

    [Params(10, 1000, 10000)]
    public int Nodes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var key = Ed25519PrivateKey.Generate();
        using var signer = new LocalEd25519Signer(key, "bench", ownsKey: false);
        var content = new SnapshotContent
        {
            Id = "0193a5b2-7c1e-7d4f-8a9b-0000000000aa",
            RootIds = ["0193a5b2-7c1e-7d4f-8a9b-000000000000"],
            CreatedAt = "2025-11-17T12:00:00Z",
            ReasoningGraphVersion = "0.1.0",
            Payload = Encoding.UTF8.GetBytes(Payload(Nodes)),
        };
        _document = new SnapshotDocumentSigner(signer).SignAsync(content).GetAwaiter().GetResult().Document.ToArray();
        _verifier = new SnapshotVerifier(new SignerRegistry([RegisteredSigner.ForEd25519("bench", key.PublicKey)]));
    }

    [Benchmark(Baseline = true, Description = "Canonicalize + SHA-256 of the document")]
    public byte[] HashOnly() => CanonicalJson.ComputeSha256(_document);

    [Benchmark(Description = "SnapshotVerifier.Verify")]
    public bool Verify() => _verifier.Verify(_document).IsVerified;

    private static string Payload(int nodes)
    {
        var json = new StringBuilder("{\"nodes\":[");
        for (int i = 0; i < nodes; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(
                $$$"""{"id":"0193a5b2-7c1e-7d4f-8a9b-{{{i:x12}}}","type":"decision","author":"service:eval","createdAt":"2025-11-17T12:00:00Z","payload":{"reason":"improved","score":0.95,"details":{"a":{{{i}}},"b":2}},"metadata":{}}""");
        }

        return json.Append("],\"edges\":[],\"annotations\":[],\"audience\":\"operator\",\"pii_included\":false,\"pii_policy_version\":\"v1\"}").ToString();
    }
}
