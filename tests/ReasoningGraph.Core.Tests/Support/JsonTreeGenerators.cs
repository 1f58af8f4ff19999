using FsCheck;
using FsCheck.Fluent;

namespace ReasoningGraph.Tests.Support;

/// <summary>FsCheck generators of JSON trees that exercise every canonicalization rule.</summary>
public static class JsonTreeGenerators
{
    // Characters that stress escaping and key order: controls, quotes, U+2028/9, private use, astral.
    private static readonly string[] Fragments =
    [
        "a", "b", "z", "A", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0001", "\u001f", "\u007f",
        "é", "ß", "世", "\u2028", "\u2029", "\ue000", "\uffee", "\ufeff", "\U0001F600", "\U0001F44B", "\U00010000", "<", "&",
    ];

    public static Arbitrary<JsonTree> JsonTree() => Arb.From(Gen.Sized(size => Tree(Math.Min(size, 24))));

    public static Gen<string> Text() =>
        Gen.Choose(0, 6).SelectMany(length => Gen.ArrayOf(Gen.Elements(Fragments), length)).Select(string.Concat);

    public static Gen<double> Number() => Gen.OneOf(
        Gen.Choose(-1000, 1000).Select(i => (double)i),
        Gen.Choose(-100000, 100000).Select(i => i / 100.0),
        Gen.Elements(0.0, -0.0, 1e21, 1e-7, 1e-6, 9007199254740993, 123456789012345680000.0, 5e-324, double.MaxValue, 0.1, -1.5e300),
        Gen.Choose(int.MinValue, int.MaxValue).Two().Select(t => BitConverter.Int64BitsToDouble(((long)t.Item1 << 32) | (uint)t.Item2))
            .Where(double.IsFinite));

    private static Gen<JsonTree> Tree(int size)
    {
        var leaf = Gen.OneOf(
            Gen.Elements<JsonTree>(new JsonLiteral("true"), new JsonLiteral("false"), new JsonLiteral("null")),
            Number().Select(n => (JsonTree)new JsonNumber(n)),
            Text().Select(s => (JsonTree)new JsonText(s)));
        if (size <= 1)
        {
            return leaf;
        }

        var child = Tree(size / 3);
        var array = Gen.ListOf(child).Select(items => (JsonTree)new JsonArray([.. items.Take(6)]));
        var obj = Gen.ListOf(Gen.Zip(Text(), child)).Select(members => (JsonTree)new JsonObject(
            [.. members.Take(6).DistinctBy(m => m.Item1, StringComparer.Ordinal).Select(m => KeyValuePair.Create(m.Item1, m.Item2))]));
        return Gen.Frequency((2, leaf), (2, array), (3, obj));
    }
}
