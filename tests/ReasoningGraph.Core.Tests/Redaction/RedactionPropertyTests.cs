using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Redaction;
using static ReasoningGraph.Tests.Redaction.RedactionTestKit;

namespace ReasoningGraph.Tests.Redaction;

[Properties(Arbitrary = [typeof(PlantedDocuments)], MaxTest = 300)]
public sealed class RedactionPropertyTests
{
    private static readonly string[] Modes = ["REDACTED_SUMMARY", "PII_HASH", "FULL_REMOVAL"];

    private static PiiRedactor RedactorFor(string mode, byte[]? salt = null) =>
        Redactor("[" + string.Join(",", PlantedDocument.Paths.Select(p => $$"""{"json_path":"{{p}}","category":"SENSITIVE","mode":"{{mode}}"}""")) + "]", salt);

    [Property]
    public Property NoPlantedValueSurvives_InAnyMode(PlantedDocument document) => Modes.All(mode =>
    {
        var text = RedactorFor(mode).Apply(document.Json);
        return document.Markers.All(m => !text.Contains(m, StringComparison.Ordinal));
    }).Label(document.Json);

    [Property]
    public Property OutputIsExactlyTheReferenceRedaction_SoUncataloguedContentIsUntouched(PlantedDocument document) => Modes.All(mode =>
        JsonNode.DeepEquals(Reference(JsonNode.Parse(document.Json), [], mode), JsonNode.Parse(RedactorFor(mode).Apply(document.Json)))).ToProperty();

    [Property]
    public Property Hash_IsDeterministicAndDiffersBySalt(PlantedDocument document)
    {
        var first = RedactorFor("PII_HASH").Apply(document.Json);
        var again = RedactorFor("PII_HASH").Apply(document.Json);
        var salted = RedactorFor("PII_HASH", OtherSalt).Apply(document.Json);
        return (first == again && (document.Markers.Count == 0 || first != salted)).Label($"{first}\n{salted}");
    }

    [Property]
    public Property InputIsUnchanged(PlantedDocument document)
    {
        using var parsed = JsonDocument.Parse(document.Json);
        var before = parsed.RootElement.GetRawText();
        foreach (var mode in Modes)
        {
            RedactorFor(mode).Redact(parsed.RootElement);
        }

        return (parsed.RootElement.GetRawText() == before && before == document.Json).ToProperty();
    }

    /// <summary>An independent, naive redaction over <see cref="JsonNode"/> with the catalog's five paths hard-coded.</summary>
    private static JsonNode? Reference(JsonNode? node, List<object> path, string mode)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    path.Add(key);
                    if (!IsCatalogued(path))
                    {
                        copy[key] = Reference(value, path, mode);
                    }
                    else if (mode != "FULL_REMOVAL")
                    {
                        copy[key] = Replacement(value, path, mode);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                return copy;
            case JsonArray a:
                var items = new JsonArray();
                for (int i = 0; i < a.Count; i++)
                {
                    path.Add(i);
                    if (!IsCatalogued(path))
                    {
                        items.Add(Reference(a[i], path, mode));
                    }
                    else if (mode != "FULL_REMOVAL")
                    {
                        items.Add(Replacement(a[i], path, mode));
                    }

                    path.RemoveAt(path.Count - 1);
                }

                return items;
            default:
                return node?.DeepClone();
        }
    }

    private static JsonValue Replacement(JsonNode? value, List<object> path, string mode) => mode == "PII_HASH"
        ? JsonValue.Create(ExpectedHash(Encoding.UTF8.GetString(CanonicalJson.Canonicalize(value?.ToJsonString() ?? "null"))))
        : JsonValue.Create($"[REDACTED:{Label(path)}]");

    private static string Label(List<object> path) => path[^1] switch
    {
        "email" when path.Count == 1 => "EMAIL",
        "phone" => "PHONE",
        "name" => "NAME",
        "secret" => "SECRET",
        _ => "CODES",
    };

    private static bool IsCatalogued(List<object> path) =>
        path is ["email"] or ["contact", "phone"] or ["people", int, "name"] or ["codes", int] || path[^1] is "secret";
}
