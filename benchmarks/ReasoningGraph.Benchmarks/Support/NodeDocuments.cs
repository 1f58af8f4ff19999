using System.Globalization;
using System.Text;

namespace ReasoningGraph.Benchmarks.Support;

/// <summary>Deterministic, realistic reasoning-node documents (as the Kernel writes them) for benchmarks.</summary>
public static class NodeDocuments
{
    private static readonly string[] Types = ["observation", "recommendation", "decision", "action", "hypothesis", "policyCheck", "score", "correction"];
    private static readonly string[] Words = ["latency", "throughput", "regression", "promotion", "budget", "risk", "canary", "rollback", "quota", "owner", "évaluation", "指标"];

    /// <summary>One node document of roughly <paramref name="targetBytes"/> bytes, keys in writer order (unsorted).</summary>
    public static byte[] Node(int seed, int targetBytes)
    {
        var random = new Random(seed);
        var text = new StringBuilder(targetBytes + 256);
        text.Append("{\"type\":\"").Append(Types[random.Next(Types.Length)])
            .Append("\",\"id\":\"").Append(new Guid(random.NextBytes16()).ToString())
            .Append("\",\"author\":\"agent:planner-").Append(random.Next(100))
            .Append("\",\"createdAt\":\"2025-11-17T12:").Append(random.Next(10, 60)).Append(":00.").Append(random.Next(1, 999999)).Append('Z')
            .Append("\",\"metadata\":{\"tags\":[\"").Append(Word(random)).Append("\",\"").Append(Word(random))
            .Append("\"],\"confidence\":").Append((random.Next(1, 1000) / 1000.0).ToString(CultureInfo.InvariantCulture))
            .Append("},\"payload\":{\"reason\":\"").Append(Sentence(random, 12))
            .Append("\",\"score\":").Append((random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture))
            .Append(",\"evidence\":[");
        for (int i = 0; text.Length < targetBytes - 40; i++)
        {
            text.Append(i == 0 ? "" : ",")
                .Append("{\"metric\":\"").Append(Word(random)).Append("\",\"value\":").Append(random.Next(0, 100000))
                .Append(",\"delta\":").Append((random.NextDouble() - 0.5).ToString("R", CultureInfo.InvariantCulture))
                .Append(",\"note\":\"").Append(Sentence(random, 4)).Append("\",\"ok\":").Append(random.Next(2) == 0 ? "true" : "false").Append('}');
        }

        return Encoding.UTF8.GetBytes(text.Append("],\"extra\":null}}").ToString());
    }

    /// <summary>A corpus of node documents between 300 bytes and 4 KB.</summary>
    public static byte[][] Corpus(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Node(i, 300 + (i * 7919 % 3800)))];

    private static string Word(Random random) => Words[random.Next(Words.Length)];

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Word(random))) + (random.Next(4) == 0 ? " \\\"quoted\\\" \\n" : ".");

    private static byte[] NextBytes16(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}
