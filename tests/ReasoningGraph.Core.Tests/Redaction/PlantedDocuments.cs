using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace ReasoningGraph.Tests.Redaction;

/// <summary>
/// Random JSON documents with catalogued values planted at random places, for the redaction properties. The
/// catalog is fixed (<see cref="Paths"/>); every planted value contains a unique marker string.
/// </summary>
public sealed record PlantedDocument(string Json, IReadOnlyList<string> Markers)
{
    /// <summary>The catalogued paths, one per supported form, plus an array-element path for removal.</summary>
    public static readonly string[] Paths = ["$.email", "$.contact.phone", "$.people[*].name", "$..secret", "$.codes[*]"];

    public override string ToString() => Json;
}

public static class PlantedDocuments
{
    private static readonly string[] Keys = ["a", "b", "c", "d", "x\"y", "é"];

    public static Arbitrary<PlantedDocument> Document() =>
        Arb.From(Gen.Sized(size => Gen.Zip(Tree(Math.Min(size, 30)), Gen.Choose(0, int.MaxValue)).Select(t => Plant(t.Item1, t.Item2))));

    private static Gen<JsonNode?> Tree(int size)
    {
        var leaf = Gen.OneOf(
            Gen.Elements<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(false)),
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements("", "s", "text", "a@b").Select(s => (JsonNode?)JsonValue.Create(s)));
        if (size <= 1)
        {
            return leaf;
        }

        var child = Tree(size / 3);
        var array = Gen.ListOf(child).Select(items => (JsonNode?)new JsonArray([.. items.Take(5).Select(i => i?.DeepClone())]));
        var obj = Gen.ListOf(Gen.Zip(Gen.Elements(Keys), child)).Select(members => (JsonNode?)Object(members.Take(5).Select(m => (m.Item1, m.Item2))));
        return Gen.Frequency((2, leaf), (2, array), (3, obj));
    }

    private static JsonObject Object(IEnumerable<(string Key, JsonNode? Value)> members)
    {
        var result = new JsonObject();
        foreach (var (key, value) in members)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    /// <summary>Wraps the tree in an object and plants 1–6 catalogued values in it, each chosen by <paramref name="seed"/>.</summary>
    private static PlantedDocument Plant(JsonNode? tree, int seed)
    {
        var random = new Random(seed);
        var root = new JsonObject { ["a"] = tree?.DeepClone() };
        var markers = new List<string>();
        string Marker() => $"PLANTED{markers.Count}Q{random.Next():x8}";
        JsonNode Value()
        {
            var marker = Marker();
            markers.Add(marker);
            return random.Next(3) switch
            {
                0 => JsonValue.Create(marker),
                1 => new JsonObject { ["v"] = marker, ["n"] = random.Next(100) },
                _ => new JsonArray(1, JsonValue.Create(marker)),
            };
        }

        for (int i = random.Next(1, 7); i > 0; i--)
        {
            switch (random.Next(5))
            {
                case 0:
                    root["email"] = Value();
                    break;
                case 1:
                    root["contact"] = new JsonObject { ["phone"] = Value(), ["kind"] = "home" };
                    break;
                case 2:
                    root["people"] = new JsonArray(new JsonObject { ["name"] = Value(), ["age"] = 40 }, 3, new JsonObject { ["name"] = Value() });
                    break;
                case 3:
                    PlantDeep(root, random, "secret", Value());
                    break;
                default:
                    root["codes"] = new JsonArray(Value(), Value());
                    break;
            }
        }

        // Values overwritten by a later plant are gone from the document, so only the surviving ones count.
        var json = root.ToJsonString();
        return new PlantedDocument(json, [.. markers.Where(m => json.Contains(m, StringComparison.Ordinal))]);
    }

    /// <summary>Puts <paramref name="value"/> under <paramref name="name"/> in a random object of the document.</summary>
    private static void PlantDeep(JsonObject root, Random random, string name, JsonNode value)
    {
        var objects = new List<JsonObject>();
        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    objects.Add(o);
                    foreach (var member in o)
                    {
                        Collect(member.Value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Collect(item);
                    }

                    break;
            }
        }

        Collect(root);
        objects[random.Next(objects.Count)][name] = value;
    }
}
