using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Api;
using ReasoningGraph.Model;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// The write routes' body reader against the one it replaced (a JsonNode tree, kept as <see cref="LegacyRequestBody"/>)
/// over many generated bodies: the same inputs, or the same refusal (code, field and message). Only the serializer's
/// byte positions may differ, as they now count the bytes the client sent (on the annotation route, its one rewritten
/// copy) rather than a re-serialized tree.
/// </summary>
public sealed partial class RequestBodyOracleTests
{
    private static readonly Guid Target = Guid.Parse("0193a5b2-7c1e-7d4f-8a9b-000000000001");

    private static readonly string[] NodeKeys = ["id", "type", "author", "payload", "metadata", "version", "manifestSignatureId", "auditEventId", "kind", "createdAt", "extra"];
    private static readonly string[] EdgeKeys = ["id", "from", "to", "type", "weight", "metadata", "auditEventId", "kind", "createdAt", "manifestSignatureId"];
    private static readonly string[] AnnotationKeys = ["id", "targetId", "targetType", "annotationType", "author", "payload", "kind", "createdAt", "severity"];

    [Fact]
    public void SingleBodies_ReadAsBefore()
    {
        var random = new Random(14);
        var seen = new Dictionary<string, int>();
        for (int n = 0; n < 3000; n++)
        {
            Count(seen, Same(Body(random, NodeKeys), b => [RequestBody.One(b, InputContracts.Node)], b => [LegacyRequestBody.Node(b)]));
            Count(seen, Same(Body(random, EdgeKeys), b => [RequestBody.One(b, InputContracts.Edge)], b => [LegacyRequestBody.Edge(b)]));
            Count(seen, Same(Body(random, AnnotationKeys), b => [RequestBody.Annotation(b, Target)], b => [LegacyRequestBody.Annotation(b, Target)]));
        }

        RequireBothOutcomes(seen, 9000);
    }

    [Fact]
    public void BatchBodies_ReadAsBefore()
    {
        var random = new Random(41);
        var seen = new Dictionary<string, int>();
        for (int n = 0; n < 1500; n++)
        {
            Count(seen, Same(Batch(random, "nodes", NodeKeys), b => RequestBody.Batch(b, InputContracts.Node, "nodes", (node, m) => node with { ManifestSignatureId = m }), LegacyRequestBody.Nodes));
            Count(seen, Same(Batch(random, "edges", EdgeKeys), b => RequestBody.Batch(b, InputContracts.Edge, "edges"), LegacyRequestBody.Edges));
        }

        RequireBothOutcomes(seen, 3000);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("  {\"type\" : \"observation\" ,\n \"author\":\"\\u00e9<\", \"payload\": { \"a\" : [1, 2.50, \"\\u2028\"] } } ")]
    [InlineData("{\"\\u0074ype\":\"observation\",\"author\":\"a\",\"payload\":{}}")]
    [InlineData("{\"type\":\"observation\",\"author\":\"a\",\"payload\":{},\"\\u006bind\":\"node\"}")]
    public void HandWrittenBodies_ReadAsBefore(string body) =>
        Assert.NotEqual("skipped", Same(Encoding.UTF8.GetBytes(body), b => [RequestBody.One(b, InputContracts.Node)], b => [LegacyRequestBody.Node(b)]));

    [Fact]
    public void ABodyDeeperThanTheContractsLimit_IsRefusedAsBefore()
    {
        // Within the canonical profile's 256 levels, beyond the serializer's 64: refused by both readers with the same
        // code and field. The serializer's own words differ (it now reads where it used to write), so only they are not compared.
        string deep = new string('[', 100) + new string(']', 100);
        var body = Encoding.UTF8.GetBytes("{\"type\":\"observation\",\"author\":\"a\",\"payload\":{\"a\":" + deep + "}}");
        string before = Outcome(b => [LegacyRequestBody.Node(b)], body), now = Outcome(b => [RequestBody.One(b, InputContracts.Node)], body);
        Assert.StartsWith(RefusalMark + "INVALID_PAYLOAD", now, StringComparison.Ordinal);
        Assert.Equal(before[..before.IndexOf(':', StringComparison.Ordinal)], now[..now.IndexOf(':', StringComparison.Ordinal)]);
    }

    [Fact]
    public void ABatch_IsRefusedAtItsFirstEntryThatIsNotAnObject_WithoutListingTheRest()
    {
        var body = Encoding.UTF8.GetBytes("{\"nodes\":[{},5" + string.Concat(Enumerable.Repeat(",{}", 100_000)) + "]}");
        Assert.Equal("refused", Same(body, b => RequestBody.Batch(b, InputContracts.Node, "nodes"), LegacyRequestBody.Nodes));
        Assert.Equal(RefusalMark + "INVALID_PAYLOAD nodes[1]: Each entry must be a JSON object.", Outcome(b => RequestBody.Batch(b, InputContracts.Node, "nodes"), body));

        // Listing the 100,000 entries after it took 4 MB; the refusal itself takes about 1 KB.
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<ReasoningGraphException>(() => RequestBody.Batch(body, InputContracts.Node, "nodes"));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 * 1024);
    }

    /// <summary>"read", "refused", or "skipped" (a body the strict reader refuses first); asserts both readers agree.</summary>
    private static string Same(byte[] body, Func<byte[], IEnumerable<GraphItemInput>> now, Func<byte[], IEnumerable<GraphItemInput>> before)
    {
        try
        {
            CanonicalJson.Validate(body);
        }
        catch (CanonicalizationException)
        {
            return "skipped"; // JsonBody refuses it before any route reads it
        }

        string expected = Outcome(before, body);
        Assert.True(expected == Outcome(now, body), Encoding.UTF8.GetString(body));
        return expected.StartsWith(RefusalMark, StringComparison.Ordinal) ? "refused" : "read";
    }

    private static void Count(Dictionary<string, int> seen, string outcome) => seen[outcome] = seen.GetValueOrDefault(outcome) + 1;

    /// <summary>The generator must exercise both paths, or the comparison could pass without comparing anything.</summary>
    private static void RequireBothOutcomes(Dictionary<string, int> seen, int total)
    {
        Assert.True(seen.GetValueOrDefault("read") >= total / 10, $"too few bodies read: {string.Join(", ", seen)}");
        Assert.True(seen.GetValueOrDefault("refused") >= total / 10, $"too few bodies refused: {string.Join(", ", seen)}");
    }

    private const string RefusalMark = "refused ";

    private static string Outcome(Func<byte[], IEnumerable<GraphItemInput>> read, byte[] body)
    {
        try
        {
            return string.Join("\n", read(body).Select(i => JsonSerializer.Serialize(i, GraphJson.Input)));
        }
        catch (ReasoningGraphException e)
        {
            return $"{RefusalMark}{e.ErrorCode} {e.Details.GetValueOrDefault("field")}: {Positions().Replace(e.Message, "")}";
        }
    }

    [GeneratedRegex(@" \| LineNumber: \d+ \| BytePositionInLine: \d+")]
    private static partial Regex Positions();

    private static byte[] Batch(Random random, string member, string[] keys)
    {
        var parts = new List<string>();
        if (random.Next(8) > 0)
        {
            var entries = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(12) == 0 ? Value(random, 0) : Encoding.UTF8.GetString(Body(random, keys)));
            parts.Add($"\"{member}\":" + (random.Next(10) == 0 ? Value(random, 0) : $"[{string.Join(",", entries)}]"));
        }

        if (random.Next(2) == 0)
        {
            string id = random.Next(6) switch { 0 => "null", 1 => "\" \"", 2 => "5", _ => "\"manifest-" + random.Next(3) + "\"" };
            parts.Add("\"audit_context\":" + random.Next(8) switch { 0 => "null", 1 => "[]", 2 => $"{{\"kernel_manifest_signature_id\":{id},\"x\":1}}", 3 => "{}", _ => $"{{\"kernel_manifest_signature_id\":{id}}}" });
        }

        if (random.Next(10) == 0)
        {
            parts.Add("\"extra\":1");
        }

        return Encoding.UTF8.GetBytes("{" + string.Join(",", parts.OrderBy(_ => random.Next())) + "}");
    }

    /// <summary>An object of distinct keys drawn from <paramref name="keys"/>, mostly with plausible values.</summary>
    private static byte[] Body(Random random, string[] keys)
    {
        var members = keys.Where(k => random.Next(4) > 0 || k is "type" or "author" or "payload" or "annotationType")
            .Where(k => k is not ("kind" or "extra" or "severity" or "manifestSignatureId") || random.Next(6) == 0)
            .OrderBy(_ => random.Next()).Select(k => $"\"{k}\":{(random.Next(6) == 0 ? Value(random, 0) : Plausible(random, k))}");
        return Encoding.UTF8.GetBytes("{" + string.Join(random.Next(4) == 0 ? " , " : ",", members) + "}");
    }

    private static string Plausible(Random random, string key) => key switch
    {
        "id" => random.Next(3) == 0 ? "\"not-a-guid\"" : $"\"{NewGuid(random)}\"",
        "from" or "to" => $"\"{NewGuid(random)}\"",
        "targetId" => random.Next(4) switch { 0 => "\"" + Target.ToString("B").ToUpperInvariant() + "\"", 1 => $"\"{NewGuid(random)}\"", _ => $"\"{Target}\"" },
        "targetType" => random.Next(3) switch { 0 => "\"edge\"", 1 => "\"vertex\"", _ => "\"node\"" },
        "type" => random.Next(3) == 0 ? "\"causal\"" : "\"observation\"",
        "weight" => "0.5",
        "payload" or "metadata" => random.Next(2) == 0 ? "{ \"t\" : \"é<&\\u00e9\", \"n\": [1, 2.50e1] }" : "{}",
        "createdAt" => "\"2025-11-17T12:00:00Z\"",
        _ => $"\"v{random.Next(3)}\"",
    };

    /// <summary>From the seeded generator, so a failing run can be repeated.</summary>
    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Value(Random random, int depth) => random.Next(depth > 1 ? 6 : 8) switch
    {
        0 => "null",
        1 => "true",
        2 => "-12.5",
        3 => "\"\"",
        4 => "\"text\\n\"",
        5 => "0",
        6 => $"[{Value(random, depth + 1)}]",
        _ => $"{{\"k\":{Value(random, depth + 1)}}}",
    };
}
