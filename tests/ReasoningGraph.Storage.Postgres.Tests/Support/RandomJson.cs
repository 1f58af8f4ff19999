using System.Globalization;
using System.Text;

namespace ReasoningGraph.Storage.Postgres.Tests.Support;

/// <summary>Random JSON objects with the awkward parts: number spellings, escapes, non-ASCII keys, nesting.</summary>
public static class RandomJson
{
    private static readonly string[] Numbers = ["0", "-0", "1.0", "1e2", "-1.5E-3", "123456789012345678901234567890", "0.1", "5e-324", "1.7976931348623157e308", "42"];
    private static readonly string[] Strings = ["", "a", "\\u00e9", "é", "😀", "\\ud83d\\ude00", "\\u2028", "<&>", "\\\"", "\\\\", "\\n\\t", "日本"];

    public static string Document(Random random, int depth)
    {
        var json = new StringBuilder("{");
        int count = random.Next(0, 6);
        for (int i = 0; i < count; i++)
        {
            // The position makes keys distinct even where two spellings decode to the same text ("\u00e9" and "é").
            var key = Strings[random.Next(Strings.Length)] + i.ToString(CultureInfo.InvariantCulture);
            json.Append(i > 0 ? "," : string.Empty).Append('"').Append(key).Append("\":").Append(Value(random, depth - 1));
        }

        return json.Append('}').ToString();
    }

    private static string Value(Random random, int depth) => random.Next(depth > 0 ? 7 : 5) switch
    {
        0 => Numbers[random.Next(Numbers.Length)],
        1 => "\"" + Strings[random.Next(Strings.Length)] + "\"",
        2 => random.Next(2) == 0 ? "true" : "false",
        3 => "null",
        4 => random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
        5 => Document(random, depth),
        _ => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Value(random, depth - 1))) + "]",
    };
}
