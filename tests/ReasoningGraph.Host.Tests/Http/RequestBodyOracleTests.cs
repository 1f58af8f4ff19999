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
/// over many generated bodies: the same inputs, or the same refusal (code, field and message). The one exception is a
/// value the contract cannot read: the legacy reader passed the serializer's message on (with .NET type names and byte
/// positions) and named the whole body or entry as the field; the new one names the member and says what it must be
/// (see <see cref="SameRefusal"/>).
/// </summary>
public sealed partial class RequestBodyOracleTests
{
    /// <summary>What only a .NET developer could use: type names, the serializer's advice and positions.</summary>
    private static readonly string[] Leaks =
        ["ReasoningGraph.", "System.", "Consider updating", "BytePosition", "LineNumber", "Path: $", "could not be converted", "Cannot read", "JSON value", "token type", "deserializ"];

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
        // code; the new one names the member, with no more to say of a JSON value than that the contract cannot read it.
        string deep = new string('[', 100) + new string(']', 100);
        var body = Encoding.UTF8.GetBytes("{\"type\":\"observation\",\"author\":\"a\",\"payload\":{\"a\":" + deep + "}}");
        Assert.Equal("refused", Same(body, b => [RequestBody.One(b, InputContracts.Node)], b => [LegacyRequestBody.Node(b)]));
        Assert.Equal(
            RefusalMark + "INVALID_PAYLOAD body.payload: The node is not valid JSON for its fields.",
            Outcome(b => [RequestBody.One(b, InputContracts.Node)], body));
    }

    [Theory]
    [InlineData("""{"type":"observation","author":"\ud800x","payload":{}}""", "body.author: 'author' holds an unpaired surrogate escape, which is not text.")]
    [InlineData("""{"id":"\udc00","type":"observation","author":"a","payload":{}}""", "body.id: 'id' holds an unpaired surrogate escape, which is not text.")]
    public void ALoneSurrogate_NamesItsField(string body, string refusal) =>
        Assert.Equal(RefusalMark + "INVALID_PAYLOAD " + refusal, Outcome(b => [RequestBody.One(b, InputContracts.Node)], Encoding.UTF8.GetBytes(body)));

    /// <summary>
    /// Bodies of every member with any value, the contract's values mostly wrong (wrong kinds, nulls, bad ids, bad
    /// times, lone surrogates): no refusal may carry the serializer's words, and most must be the contract's own (naming a member).
    /// </summary>
    [Fact]
    public void NoRefusal_LeaksTheSerializersWords()
    {
        var random = new Random(7);
        int refused = 0, unread = 0;
        for (int n = 0; n < 6000; n++)
        {
            // Only the contract's own fields: any other is refused before the contract reads anything.
            var keys = (n % 4) switch { 1 => InputContracts.Edge.Fields, 2 => InputContracts.Annotation.Fields, _ => InputContracts.Node.Fields };
            Func<byte[], IEnumerable<GraphItemInput>> read = (n % 4) switch
            {
                0 => b => [RequestBody.One(b, InputContracts.Node)],
                1 => b => [RequestBody.One(b, InputContracts.Edge)],
                2 => b => [RequestBody.Annotation(b, Target)],
                _ => b => RequestBody.Batch(Encoding.UTF8.GetBytes($"{{\"nodes\":[{Encoding.UTF8.GetString(b)}]}}"), InputContracts.Node, "nodes"),
            };
            var members = keys.Order(StringComparer.Ordinal).Where(_ => random.Next(3) > 0).OrderBy(_ => random.Next())
                .Select(k => $"\"{k}\":{(random.Next(3) == 0 ? Plausible(random, k) : Hostile(random))}");
            try
            {
                // Only read: a payload with a lone surrogate is read (as JSON, not text) but could not be written back.
                _ = read(Encoding.UTF8.GetBytes("{" + string.Join(",", members) + "}")).ToList();
            }
            catch (ReasoningGraphException e)
            {
                refused++;
                AssertClean(e.Message);
                unread += NamedRefusal().IsMatch(e.Message) ? 1 : 0;
            }
        }

        // The rest are mostly the annotation route's own refusal of a targetId that is not the path's; the generic
        // "not valid JSON for its fields" does not count, so a reader that fell back to it everywhere would fail here.
        Assert.True(refused >= 3000 && unread >= refused * 3 / 4, $"{refused} refused, {unread} naming the member");
    }

    private static string Hostile(Random random) => random.Next(12) switch
    {
        0 => "null",
        1 => "\"not-a-guid\"",
        2 => "\"2025-13-45T00:00:00Z\"",
        3 => "\"\\ud800\"",
        4 => "\"Edge\"",
        5 => "1e400",
        6 => "\"0193a5b2-7c1e-7d4f-8a9b-000000000001\"",
        7 => "\"2025-11-17T12:00:00Z\"",
        _ => Value(random, 0),
    };

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

        string expected = Outcome(before, body), actual = Outcome(now, body);
        Assert.True(expected == actual || SameRefusal(expected, actual), $"{Encoding.UTF8.GetString(body)}\n{expected}\n{actual}");
        return expected.StartsWith(RefusalMark, StringComparison.Ordinal) ? "refused" : "read";
    }

    /// <summary>
    /// Whether <paramref name="actual"/> is the new form of the legacy serializer refusal <paramref name="expected"/>.
    /// Its message ("The node is not valid: …") was the serializer's own, naming .NET types, and its field the whole body
    /// (or batch entry), so neither can be equal now; what must hold is that it is the same refusal: the same code, and a
    /// field that is the legacy one or a member under it (body.author for body). When the legacy message names the member
    /// (its "Path: $.author") or the missing required ones, the new field must name that member (the first missing, in
    /// the contract's order, being one of those listed). Every other refusal is still compared whole.
    /// </summary>
    private static bool SameRefusal(string expected, string actual)
    {
        if (Refusal().Match(expected) is not { Success: true } legacy || Refusal().Match(actual) is not { Success: true } now
            || !Deserialization().IsMatch(legacy.Groups["message"].Value))
        {
            return false;
        }

        string legacyField = legacy.Groups["field"].Value, field = now.Groups["field"].Value, message = legacy.Groups["message"].Value;
        if (legacy.Groups["code"].Value != now.Groups["code"].Value || !(field == legacyField || field.StartsWith(legacyField + ".", StringComparison.Ordinal)))
        {
            return false;
        }

        AssertClean(now.Groups["message"].Value);
        Assert.Matches(ContractRefusal(), now.Groups["message"].Value);
        string member = field == legacyField ? "" : field[(legacyField.Length + 1)..];
        if (LegacyPath().Match(message) is { Success: true } path)
        {
            return member == path.Groups[1].Value && now.Groups["message"].Value.StartsWith($"'{member}' ", StringComparison.Ordinal);
        }

        return !message.Contains("missing required properties", StringComparison.Ordinal)
            || (message.Contains($"'{member}'", StringComparison.Ordinal) && now.Groups["message"].Value == $"'{member}' is required.");
    }

    /// <summary>A client's message must not carry what only a .NET developer could use.</summary>
    private static void AssertClean(string message)
    {
        foreach (string leak in Leaks)
        {
            Assert.False(message.Contains(leak, StringComparison.Ordinal), message);
        }
    }

    [GeneratedRegex(@"^refused (?<code>\S+) (?<field>\S*): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex Refusal();

    [GeneratedRegex(@"^'\w+' (is required|must be .+|holds an unpaired surrogate escape, which is not text)\.$|^The (node|edge|annotation) is not valid JSON for its fields\.$")]
    private static partial Regex ContractRefusal();

    [GeneratedRegex(@"^'\w+' (is required|must be .+|holds an unpaired surrogate escape, which is not text)\.$")]
    private static partial Regex NamedRefusal();

    [GeneratedRegex(@"^The (node|edge|annotation) is not valid: ")]
    private static partial Regex Deserialization();

    [GeneratedRegex(@"Path: \$\.(\w+)")]
    private static partial Regex LegacyPath();

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
            return $"{RefusalMark}{e.ErrorCode} {e.Details.GetValueOrDefault("field")}: {e.Message}";
        }
    }

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
